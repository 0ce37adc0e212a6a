//! The names piped to `directory` as JSON Lines: the objects of `log`
//! (`KoXoLog.Record`) and `sessions` (`KoXoLog.Session`) name a `User`, a
//! `Computer` and a `Client`; those of `tree` (`KoXoLog.TreeItem`) name one
//! log by `Branch` and `Name`.

use super::Kind;
use serde_json::Value;

/// The names one JSON line names, in the order User, Computer, Client (or
/// the one a tree item names). A line that is not such an object is an
/// error, said for a person.
pub fn names(line: &str) -> Result<Vec<(Kind, String)>, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let object = value.as_object().ok_or("not a JSON object")?;
    let text = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|v| !v.is_empty() && *v != "-")
            .map(str::to_owned)
    };
    if let (Some(branch), Some(name)) = (text("Branch"), text("Name")) {
        let kind = match branch.as_str() {
            "Users" => Kind::User,
            "Computers" => Kind::Computer,
            "ThinClients" => Kind::ThinClient,
            other => {
                return Err(format!(
                    "unknown Branch '{other}': expected Users, Computers or ThinClients"
                ));
            }
        };
        return Ok(vec![(kind, name)]);
    }
    let named: Vec<(Kind, String)> = [
        (Kind::User, "User"),
        (Kind::Computer, "Computer"),
        (Kind::ThinClient, "Client"),
    ]
    .into_iter()
    .filter_map(|(kind, key)| text(key).map(|name| (kind, name)))
    .collect();
    if named.is_empty() {
        return Err("the object names no User, Computer or Client, nor a Branch and Name".to_owned());
    }
    Ok(named)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_names_its_user_computer_and_client() {
        let line = r#"{"Event":"Logon","User":"jdoe","Computer":"PC-B12","Client":"TC-01","Path":"x"}"#;
        assert_eq!(
            names(line).unwrap(),
            vec![
                (Kind::User, "jdoe".into()),
                (Kind::Computer, "PC-B12".into()),
                (Kind::ThinClient, "TC-01".into())
            ]
        );
    }

    #[test]
    fn missing_and_empty_values_are_skipped() {
        let line = r#"{"User":null,"Computer":"PC-B12","Client":"-"}"#;
        assert_eq!(names(line).unwrap(), vec![(Kind::Computer, "PC-B12".into())]);
    }

    #[test]
    fn a_tree_item_names_its_log() {
        let line = r#"{"Branch":"ThinClients","Name":"TC-01","LastUser":"jdoe","LastComputer":"PC-B12"}"#;
        assert_eq!(names(line).unwrap(), vec![(Kind::ThinClient, "TC-01".into())]);
    }

    #[test]
    fn other_lines_are_errors() {
        assert!(names("not json").unwrap_err().starts_with("not a JSON object"));
        assert!(names("[1]").unwrap_err().starts_with("not a JSON object"));
        assert!(names(r#"{"Path":"x"}"#).unwrap_err().contains("no User"));
        assert!(
            names(r#"{"Branch":"Printers","Name":"P1"}"#)
                .unwrap_err()
                .contains("'Printers'")
        );
    }
}
