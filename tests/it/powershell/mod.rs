//! Reading PowerShell source without PowerShell: the tree-sitter-pwsh grammar
//! and the few facts the static checks of `tests/it/powershell_static.rs` need
//! (syntax errors, functions with their parameters and comment-based help,
//! manifest entries, the subcommands and flags passed to the binary).
//!
//! Each check returns its problems as text naming the file and line, so the
//! same function runs on the real module (no problem expected) and on the
//! broken samples of `tests/fixtures/powershell/` (a precise problem expected).

pub mod binary;
pub mod calls;
pub mod compat;
pub mod csharp;
pub mod help;

use std::path::{Path, PathBuf};
use tree_sitter::{Node, Parser, Tree};

/// One PowerShell file, parsed.
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    pub tree: Tree,
}

impl Source {
    /// Reads and parses a file; panics with the path when it cannot be read.
    pub fn read(path: &Path) -> Source {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mut parser = Parser::new();
        parser
            .set_language(&tree_sitter_pwsh::LANGUAGE.into())
            .expect("the tree-sitter-pwsh grammar loads into tree-sitter");
        let tree = parser
            .parse(&text, None)
            .unwrap_or_else(|| panic!("tree-sitter gave no tree for {}", path.display()));
        Source {
            path: path.to_owned(),
            text,
            tree,
        }
    }

    /// The text of a node.
    pub fn text(&self, node: Node) -> &str {
        &self.text[node.byte_range()]
    }

    /// `file:line` of a node, for problem messages.
    pub fn at(&self, node: Node) -> String {
        format!("{}:{}", self.path.display(), node.start_position().row + 1)
    }

    /// The value of a string literal without variables (`'a'`, `"a"`), or of
    /// a bareword; `None` for anything computed.
    pub fn constant(&self, node: Node) -> Option<String> {
        let node = if node.kind() == "unary_expression" && node.named_child_count() == 1 {
            node.named_child(0)?
        } else {
            node
        };
        let text = self.text(node);
        match node.kind() {
            "generic_token" => Some(text.to_owned()),
            "string_literal" => {
                let inner = node.named_child(0)?;
                match inner.kind() {
                    "verbatim_string_characters" => {
                        Some(text.strip_prefix('\'')?.strip_suffix('\'')?.replace("''", "'"))
                    }
                    "expandable_string_literal" if inner.named_child_count() == 0 => {
                        Some(text.strip_prefix('"')?.strip_suffix('"')?.to_owned())
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// Every node of a tree, parents before children.
pub fn descendants(root: Node) -> Vec<Node> {
    let mut nodes = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        nodes.push(node);
        let mut cursor = node.walk();
        let children: Vec<Node> = node.children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    nodes
}

/// Every `.ps1`, `.psm1` and `.psd1` file under `dir`, sorted.
pub fn powershell_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["ps1", "psm1", "psd1"].contains(&e.to_ascii_lowercase().as_str()))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Every ERROR and MISSING node of a file: where the grammar could not read it.
pub fn syntax_errors(source: &Source) -> Vec<String> {
    descendants(source.tree.root_node())
        .into_iter()
        .filter(|n| n.is_error() || n.is_missing())
        .map(|n| {
            let what = if n.is_missing() {
                format!("MISSING {}", n.kind())
            } else {
                "ERROR".to_owned()
            };
            let excerpt: String = source.text(n).chars().take(40).collect();
            format!(
                "{}:{}: {what} (the grammar cannot read {excerpt:?})",
                source.path.display(),
                n.start_position().row + 1,
            )
        })
        .collect()
}

/// A function definition.
pub struct Function<'a> {
    pub name: String,
    pub node: Node<'a>,
}

/// The functions a file defines, nested ones included.
pub fn functions(source: &Source) -> Vec<Function<'_>> {
    descendants(source.tree.root_node())
        .into_iter()
        .filter(|n| n.kind() == "function_statement")
        .filter_map(|node| {
            let name = first_child_of_kind(node, "function_name")?;
            Some(Function {
                name: source.text(name).to_owned(),
                node,
            })
        })
        .collect()
}

/// The functions defined at the top level of a file (not inside another).
pub fn top_level_functions(source: &Source) -> Vec<Function<'_>> {
    functions(source)
        .into_iter()
        .filter(|f| enclosing(f.node, "function_statement").is_none())
        .collect()
}

/// The nearest ancestor of `node` of the given kind.
pub fn enclosing<'a>(node: Node<'a>, kind: &str) -> Option<Node<'a>> {
    let mut parent = node.parent();
    while let Some(p) = parent {
        if p.kind() == kind {
            return Some(p);
        }
        parent = p.parent();
    }
    None
}

/// The first direct child of `node` of the given kind.
pub fn first_child_of_kind<'a>(node: Node<'a>, kind: &str) -> Option<Node<'a>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).find(|c| c.kind() == kind)
}

/// The function's own `param(...)` block.
pub fn param_block<'a>(function: &Function<'a>) -> Option<Node<'a>> {
    let body = first_child_of_kind(function.node, "script_block")?;
    first_child_of_kind(body, "param_block")
}

/// The names of the function's parameters, without `$`.
pub fn parameters(source: &Source, function: &Function) -> Vec<String> {
    let Some(block) = param_block(function) else {
        return Vec::new();
    };
    let Some(list) = first_child_of_kind(block, "parameter_list") else {
        return Vec::new();
    };
    let mut cursor = list.walk();
    list.children(&mut cursor)
        .filter(|c| c.kind() == "script_parameter")
        .filter_map(|p| first_child_of_kind(p, "variable"))
        .map(|v| source.text(v).trim_start_matches('$').to_owned())
        .collect()
}

/// Parameters the grammar reads as part of the default value of the one
/// before (`[int]$A = 1,` then `[switch]$B`: tree-sitter-pwsh sees the
/// array `1, [switch]$B`), with where; the help check would miss them.
pub fn swallowed_parameters(source: &Source, function: &Function) -> Vec<(String, String)> {
    let Some(block) = param_block(function) else {
        return Vec::new();
    };
    descendants(block)
        .into_iter()
        .filter(|n| n.kind() == "cast_expression" && enclosing(*n, "script_parameter_default").is_some())
        .filter(|n| enclosing(*n, "array_literal_expression").is_some())
        .filter_map(|cast| {
            let operand = cast.named_child(1)?;
            let variable = first_child_of_kind(operand, "variable")?;
            Some((
                source.text(variable).trim_start_matches('$').to_owned(),
                source.at(cast),
            ))
        })
        .collect()
}

/// Whether the function's `param` block carries `[CmdletBinding(...)]`.
pub fn has_cmdlet_binding(source: &Source, function: &Function) -> bool {
    let Some(block) = param_block(function) else {
        return false;
    };
    descendants(block)
        .into_iter()
        .filter(|n| n.kind() == "attribute_name")
        .filter(|n| enclosing(*n, "param_block") == Some(block) && enclosing(*n, "script_parameter").is_none())
        .any(|n| source.text(n).eq_ignore_ascii_case("CmdletBinding"))
}

/// The entries of the top-level hash table of a manifest (`.psd1`), as
/// (key, node of the value).
pub fn manifest_entries(source: &Source) -> Vec<(String, Node<'_>)> {
    let root = source.tree.root_node();
    let Some(table) = descendants(root)
        .into_iter()
        .find(|n| n.kind() == "hash_literal_expression")
    else {
        return Vec::new();
    };
    let Some(body) = first_child_of_kind(table, "hash_literal_body") else {
        return Vec::new();
    };
    let mut cursor = body.walk();
    body.children(&mut cursor)
        .filter(|e| e.kind() == "hash_entry")
        .filter_map(|entry| {
            let key = first_child_of_kind(entry, "key_expression")?;
            let mut cursor = entry.walk();
            let value = entry.named_children(&mut cursor).last()?;
            Some((source.text(key).to_owned(), value))
        })
        .collect()
}

/// The constant strings inside a node (the items of `@('a', 'b')`).
pub fn strings(source: &Source, node: Node) -> Vec<String> {
    descendants(node)
        .into_iter()
        .filter(|n| n.kind() == "string_literal")
        .filter_map(|n| source.constant(n))
        .collect()
}
