//! Comment-based help (`<# .SYNOPSIS ... #>`) of a function, and the check
//! that an exported function is an advanced function with complete help.

use super::{Function, Source, has_cmdlet_binding, parameters, swallowed_parameters};

/// One `.KEYWORD [argument]` section and the text under it.
pub struct Section {
    pub keyword: String,
    pub argument: String,
    pub content: String,
}

/// The comment-based help of a function.
pub struct Help {
    pub sections: Vec<Section>,
}

impl Help {
    /// Reads the sections of a `<# ... #>` block.
    pub fn parse(comment: &str) -> Help {
        let body = comment.trim_start_matches("<#").trim_end_matches("#>");
        let mut sections: Vec<Section> = Vec::new();
        for line in body.lines() {
            let trimmed = line.trim();
            let keyword = trimmed
                .strip_prefix('.')
                .and_then(|rest| {
                    let word: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
                    (!word.is_empty()).then(|| (word.to_ascii_uppercase(), rest[word.len()..].trim().to_owned()))
                })
                .filter(|(word, _)| KEYWORDS.contains(&word.as_str()));
            match (keyword, sections.last_mut()) {
                (Some((keyword, argument)), _) => sections.push(Section {
                    keyword,
                    argument,
                    content: String::new(),
                }),
                (None, Some(section)) => {
                    section.content.push_str(trimmed);
                    section.content.push('\n');
                }
                (None, None) => {}
            }
        }
        Help { sections }
    }

    /// Whether a section with this keyword has text.
    pub fn has(&self, keyword: &str) -> bool {
        self.sections
            .iter()
            .any(|s| s.keyword == keyword && !s.content.trim().is_empty())
    }

    /// How many sections with this keyword have text.
    pub fn count(&self, keyword: &str) -> usize {
        self.sections
            .iter()
            .filter(|s| s.keyword == keyword && !s.content.trim().is_empty())
            .count()
    }

    /// The parameters described, each with text.
    pub fn parameters(&self) -> Vec<String> {
        self.sections
            .iter()
            .filter(|s| s.keyword == "PARAMETER" && !s.content.trim().is_empty())
            .map(|s| s.argument.clone())
            .collect()
    }
}

/// The keywords of comment-based help (about_Comment_Based_Help).
const KEYWORDS: [&str; 16] = [
    "SYNOPSIS",
    "DESCRIPTION",
    "PARAMETER",
    "EXAMPLE",
    "INPUTS",
    "OUTPUTS",
    "NOTES",
    "LINK",
    "COMPONENT",
    "ROLE",
    "FUNCTIONALITY",
    "FORWARDHELPTARGETNAME",
    "FORWARDHELPCATEGORY",
    "REMOTEHELPRUNSPACE",
    "EXTERNALHELP",
    "EXAMPLES",
];

/// The help of a function: a `<# #>` block at the start of its body, or
/// right before it.
pub fn help_of(source: &Source, function: &Function) -> Option<Help> {
    let mut cursor = function.node.walk();
    let inside = function
        .node
        .children(&mut cursor)
        .take_while(|c| c.kind() != "script_block")
        .find(|c| c.kind() == "comment");
    let before = function
        .node
        .prev_sibling()
        .filter(|c| c.kind() == "comment" && c.end_position().row + 1 >= function.node.start_position().row);
    inside
        .or(before)
        .map(|c| source.text(c))
        .filter(|text| text.starts_with("<#"))
        .map(Help::parse)
}

/// What an exported function lacks: `[CmdletBinding()]`, a synopsis, a
/// description, an example, inputs, outputs, a `.PARAMETER` per parameter
/// (and none for a parameter that does not exist).
pub fn problems(source: &Source, function: &Function) -> Vec<String> {
    let at = source.at(function.node);
    let name = &function.name;
    let mut problems = Vec::new();
    for (parameter, at) in swallowed_parameters(source, function) {
        problems.push(format!(
            "{at}: the grammar reads ${parameter} as part of the default value of the parameter before it: \
             move ${parameter} before that parameter, or give it a [Parameter()] attribute"
        ));
    }
    if !has_cmdlet_binding(source, function) {
        problems.push(format!("{at}: {name} has no [CmdletBinding()] on its param() block"));
    }
    let Some(help) = help_of(source, function) else {
        problems.push(format!("{at}: {name} has no comment-based help (<# .SYNOPSIS ... #>)"));
        return problems;
    };
    for keyword in ["SYNOPSIS", "DESCRIPTION", "INPUTS", "OUTPUTS"] {
        if !help.has(keyword) {
            problems.push(format!("{at}: the help of {name} has no .{keyword} text"));
        }
    }
    if help.count("EXAMPLE") == 0 {
        problems.push(format!("{at}: the help of {name} has no .EXAMPLE"));
    }
    let described = help.parameters();
    let declared = parameters(source, function);
    for parameter in &declared {
        if !described.iter().any(|d| d.eq_ignore_ascii_case(parameter)) {
            problems.push(format!("{at}: the help of {name} has no .PARAMETER {parameter}"));
        }
    }
    for parameter in &described {
        if !declared.iter().any(|d| d.eq_ignore_ascii_case(parameter)) {
            problems.push(format!(
                "{at}: the help of {name} describes .PARAMETER {parameter}, which {name} does not have"
            ));
        }
    }
    problems
}
