//! The classes of the module's C# (`module/Private/KoXoLog.Types.cs`): the
//! objects the cmdlets give, each mirroring a JSON object of `src/json/`.
//! Read with plain text matching: the file is a list of classes of
//! `{ get; set; }` properties, which is all it may hold.

/// A concrete class, with its properties and those of its base class, in order.
pub struct Class {
    pub name: String,
    pub properties: Vec<String>,
}

/// A class as declared: name, base class, and its own properties.
struct Declared {
    name: String,
    concrete: bool,
    base: Option<String>,
    properties: Vec<String>,
}

fn declared(source: &str) -> Vec<Declared> {
    let mut classes: Vec<Declared> = Vec::new();
    for line in source.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        if let Some(at) = words.iter().position(|w| *w == "class") {
            let Some(name) = words.get(at + 1) else { continue };
            let base = (words.get(at + 2) == Some(&":"))
                .then(|| words.get(at + 3).map(|b| (*b).to_owned()))
                .flatten();
            classes.push(Declared {
                name: (*name).to_owned(),
                concrete: words.contains(&"sealed"),
                base,
                properties: Vec::new(),
            });
        } else if line.starts_with("public ")
            && line.ends_with("{ get; set; }")
            && let (Some(class), Some(name)) = (classes.last_mut(), words.get(2))
        {
            class.properties.push((*name).to_owned());
        }
    }
    classes
}

/// The concrete (sealed) classes of a C# source.
pub fn classes(source: &str) -> Vec<Class> {
    let all = declared(source);
    all.iter()
        .filter(|c| c.concrete)
        .map(|class| {
            let mut properties = Vec::new();
            if let Some(base) = all.iter().find(|b| Some(&b.name) == class.base.as_ref()) {
                properties.extend(base.properties.iter().cloned());
            }
            properties.extend(class.properties.iter().cloned());
            Class {
                name: class.name.clone(),
                properties,
            }
        })
        .collect()
}

/// The JSON keys of a Rust struct of `src/json/` (serde's PascalCase, or a
/// `#[serde(rename = "...")]` of the field); a `#[serde(flatten)]` field
/// stands for the keys of its struct, which must be in `rust` too.
pub fn json_keys(rust: &str, name: &str) -> Option<Vec<String>> {
    let start = [format!("pub struct {name}<"), format!("pub struct {name} ")]
        .iter()
        .find_map(|declaration| rust.find(declaration.as_str()))?;
    let body = &rust[start..];
    let body = &body[body.find('{')? + 1..body.find("\n}")?];
    let mut keys = Vec::new();
    let mut renamed: Option<String> = None;
    let mut flattened = false;
    for line in body.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("#[serde(rename = \"") {
            renamed = rest.split('"').next().map(str::to_owned);
        } else if line == "#[serde(flatten)]" {
            flattened = true;
        } else if let Some((field, kind)) = line.strip_prefix("pub ").and_then(|l| l.split_once(':')) {
            if std::mem::take(&mut flattened) {
                let inner = kind.trim().split(['<', ',']).next().unwrap_or_default();
                keys.extend(json_keys(rust, inner)?);
                continue;
            }
            let pascal: String = field
                .split('_')
                .map(|part| {
                    let mut chars = part.chars();
                    chars
                        .next()
                        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                        .unwrap_or_default()
                })
                .collect();
            keys.push(renamed.take().unwrap_or(pascal));
        }
    }
    Some(keys)
}
