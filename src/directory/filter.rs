//! LDAP search filters for the names looked up, with every name escaped as
//! RFC 4515 (section 3) requires: a name is always a value to compare, never
//! a piece of filter. `*)(objectClass=*` finds nothing instead of everything.

use super::Kind;

/// A value escaped for an LDAP filter by [`ldap3::ldap_escape`]: `*`, `(`,
/// `)`, `\` and NUL become `\2a`, `\28`, `\29`, `\5c`, `\00` (RFC 4515);
/// every other character, accents included, goes as it is (the filter is
/// UTF-8).
pub fn escape(value: &str) -> String {
    ldap3::ldap_escape(value).into_owned()
}

/// The filter that finds the entry of `name`:
///
/// * a user by `sAMAccountName` or `userPrincipalName`, computers excepted
///   (in Active Directory a computer is a `user` too);
/// * a computer or a thin client by `sAMAccountName` (`NAME$`), `cn` or
///   `dNSHostName` (a name given with its trailing `$` is the same name).
pub fn for_name(kind: Kind, name: &str) -> String {
    match kind {
        Kind::User => {
            let value = escape(name);
            format!(
                "(&(objectClass=user)(!(objectClass=computer))(|(sAMAccountName={value})(userPrincipalName={value})))"
            )
        }
        Kind::Computer | Kind::ThinClient => {
            let value = escape(name.strip_suffix('$').unwrap_or(name));
            format!("(&(objectClass=computer)(|(sAMAccountName={value}$)(cn={value})(dNSHostName={value})))")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_characters_rfc_4515_names_are_escaped() {
        assert_eq!(escape("*)(objectClass=*"), r"\2a\29\28objectClass=\2a");
        assert_eq!(escape(r"a\b"), r"a\5cb");
        assert_eq!(escape("nul\0"), r"nul\00");
    }

    #[test]
    fn other_characters_are_kept_as_they_are() {
        assert_eq!(escape("Élodie.O'Brien-2 $&|=!~<>"), "Élodie.O'Brien-2 $&|=!~<>");
    }

    #[test]
    fn a_hostile_name_stays_inside_its_comparisons() {
        let filter = for_name(Kind::User, "x)(|(sAMAccountName=*");
        assert_eq!(
            filter,
            r"(&(objectClass=user)(!(objectClass=computer))(|(sAMAccountName=x\29\28|\28sAMAccountName=\2a)(userPrincipalName=x\29\28|\28sAMAccountName=\2a)))"
        );
        let depth = filter.chars().try_fold(0i32, |depth, c| {
            let depth = depth + i32::from(c == '(') - i32::from(c == ')');
            (depth >= 0).then_some(depth)
        });
        assert_eq!(depth, Some(0), "unbalanced filter: {filter}");
    }

    #[test]
    fn a_computer_is_found_by_account_name_cn_or_dns_name() {
        assert_eq!(
            for_name(Kind::Computer, "PC-B12"),
            "(&(objectClass=computer)(|(sAMAccountName=PC-B12$)(cn=PC-B12)(dNSHostName=PC-B12)))"
        );
        assert_eq!(
            for_name(Kind::ThinClient, "TC-01$"),
            "(&(objectClass=computer)(|(sAMAccountName=TC-01$)(cn=TC-01)(dNSHostName=TC-01)))"
        );
    }
}
