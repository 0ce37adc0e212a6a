//! The language of what people read (`--language fr|en`): the RTF
//! document's title, headings and summary, the table's headings and event
//! names. The JSON keys and values, the CSV and the diagnostics stay as
//! they are, for programs.
//!
//! The default is the system's: the user's display language on Windows
//! (`GetUserDefaultUILanguage`), `LC_ALL`, `LC_MESSAGES` or `LANG`
//! elsewhere; French when it is French, English otherwise.

use crate::record::event::Event;

/// A language people read the output in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    En,
    Fr,
}

impl std::str::FromStr for Language {
    type Err = String;

    fn from_str(text: &str) -> Result<Language, String> {
        match text.to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Language::En),
            "fr" | "french" | "français" | "francais" => Ok(Language::Fr),
            _ => Err(format!("'{text}' is not a language: fr or en")),
        }
    }
}

impl Language {
    /// The system's language, as the module says above.
    pub fn from_system() -> Language {
        #[cfg(windows)]
        let french = crate::context::user_language_is_french();
        #[cfg(not(windows))]
        let french = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .is_some_and(|value| value.to_ascii_lowercase().starts_with("fr"));
        if french { Language::Fr } else { Language::En }
    }

    /// What an event is called.
    pub fn event(self, event: Event) -> &'static str {
        match self {
            Language::En => event.name(),
            Language::Fr => match event {
                Event::Logon => "Ouverture de session",
                Event::Logoff => "Fermeture de session",
                Event::Lock => "Verrouillage",
                Event::Unlock => "Déverrouillage",
                Event::Reconnect => "Reconnexion",
                Event::Disconnect => "Déconnexion",
                Event::Startup => "Démarrage",
                Event::Shutdown => "Arrêt",
                Event::Other => "Autre",
            },
        }
    }

    /// A heading of a table or document, from the JSON key it stands for
    /// (`User`); a key without a translation stays as it is.
    pub fn heading(self, key: &str) -> &str {
        if self == Language::En {
            return match key {
                "Ip" => "IP",
                other => other,
            };
        }
        match key {
            "Event" => "Événement",
            "Tag" => "Étiquette",
            "Time" => "Heure",
            "User" => "Utilisateur",
            "Domain" => "Domaine",
            "Computer" => "Ordinateur",
            "Client" => "Client léger",
            "Clients" => "Clients légers",
            "Session" => "Session",
            "Ip" => "Adresse IP",
            "LogonServer" => "Serveur d'ouverture",
            "Details" => "Détails",
            "Branch" => "Branche",
            "Name" => "Nom",
            "Length" => "Taille",
            "LastWriteTime" => "Écrit le",
            "LastTime" => "Dernière heure",
            "LastEvent" => "Dernier événement",
            "LastUser" => "Dernier utilisateur",
            "LastComputer" => "Dernier ordinateur",
            "LastClient" => "Dernier client léger",
            "LastIp" => "Dernière adresse IP",
            "Logon" => "Ouverture",
            "Logoff" => "Fermeture",
            "End" => "Fin",
            "EndReason" => "Fin par",
            "Duration" => "Durée",
            "DurationSeconds" => "Durée (s)",
            "OpenFor" => "Ouverte depuis",
            "OpenForSeconds" => "Ouverte depuis (s)",
            "State" => "État",
            "Key" => "Clé",
            "Value" => "Valeur",
            "Scope" => "Portée",
            other => other,
        }
    }

    /// The default title of an RTF export of one log.
    pub fn history_of(self, name: &str, branch: Option<&str>) -> String {
        match (self, branch) {
            (Language::En, Some(branch)) => format!("Session history of {name} ({branch})"),
            (Language::En, None) => format!("Session history of {name}"),
            (Language::Fr, Some(branch)) => format!("Historique des sessions de {name} ({branch})"),
            (Language::Fr, None) => format!("Historique des sessions de {name}"),
        }
    }

    /// The default title of an RTF export of several logs, or of none.
    pub fn history_of_several(self, any: bool) -> &'static str {
        match (self, any) {
            (Language::En, true) => "Session history of several logs",
            (Language::En, false) => "Session history (no records)",
            (Language::Fr, true) => "Historique des sessions de plusieurs journaux",
            (Language::Fr, false) => "Historique des sessions (aucun enregistrement)",
        }
    }

    /// The line under an RTF export's title.
    pub fn covers(self, records: u64, range: Option<(String, String)>, made: &str) -> String {
        match (self, range) {
            (Language::En, Some((first, last))) => format!(
                "{records} record{}, from {first} to {last}. Made {made}.",
                if records == 1 { "" } else { "s" }
            ),
            (Language::En, None) => format!("No records. Made {made}."),
            (Language::Fr, Some((first, last))) => format!(
                "{records} enregistrement{}, du {first} au {last}. Créé le {made}.",
                if records == 1 { "" } else { "s" }
            ),
            (Language::Fr, None) => format!("Aucun enregistrement. Créé le {made}."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_names_events_and_headings_and_english_keeps_them() {
        assert_eq!(Language::Fr.event(Event::Logon), "Ouverture de session");
        assert_eq!(Language::En.event(Event::Logon), "Logon");
        assert_eq!(Language::Fr.heading("User"), "Utilisateur");
        assert_eq!(Language::Fr.heading("SomethingNew"), "SomethingNew");
        assert_eq!(Language::En.heading("Ip"), "IP");
        assert_eq!("FR".parse::<Language>(), Ok(Language::Fr));
        assert!("de".parse::<Language>().unwrap_err().contains("fr or en"));
    }
}
