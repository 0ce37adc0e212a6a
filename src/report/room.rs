//! The room of a computer, from its name: there is no room in the logs, but
//! schools name their computers by room, and the generator does too
//! (`A01-PC05` is seat 5 of room 1 of building A). The room is the part of
//! the name before its last `-`; a name without one (`RDS01`, a server) is in
//! no room.

/// The room of the computer named `computer`, if its name gives one.
pub fn of(computer: &str) -> Option<&str> {
    computer
        .rsplit_once('-')
        .map(|(room, _)| room)
        .filter(|room| !room.is_empty())
}

#[cfg(test)]
mod tests {
    use super::of;

    #[test]
    fn a_room_is_the_name_before_its_last_dash() {
        assert_eq!(of("A01-PC05"), Some("A01"));
        assert_eq!(of("CDI-2-PC1"), Some("CDI-2"));
        assert_eq!(of("RDS01"), None);
        assert_eq!(of("-PC1"), None);
    }
}
