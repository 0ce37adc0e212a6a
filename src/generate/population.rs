//! The people and machines of a generated school: rooms of computers, thin
//! clients on RDS servers, users with a home room, and a few hostile names
//! of the kinds real stores meet.

use super::rng::Rng;

/// A workstation or an RDS server.
pub struct Computer {
    pub name: String,
    pub ip: String,
    pub mac: String,
    pub os: &'static str,
}

/// A thin client, opening sessions on an RDS server.
pub struct ThinClient {
    pub name: String,
    pub server: usize,
}

pub struct Population {
    /// The workstations, room after room, then the RDS servers.
    pub computers: Vec<Computer>,
    /// How many of `computers` are workstations (the rest are RDS servers).
    pub workstations: usize,
    pub room_size: usize,
    pub thin_clients: Vec<ThinClient>,
    pub users: Vec<String>,
}

const FIRST: [&str; 16] = [
    "jean", "marie", "lucas", "emma", "hugo", "lea", "louis", "chloe", "nathan", "ines", "paul", "zoe", "adam", "lina",
    "theo", "sarah",
];
const LAST: [&str; 16] = [
    "martin", "bernard", "dubois", "thomas", "robert", "richard", "petit", "durand", "leroy", "moreau", "simon",
    "laurent", "lefebvre", "michel", "garcia", "david",
];
/// Names that stores meet and that must not break anything: accents,
/// other scripts, Windows device names, dots, quotes.
const HOSTILE_USERS: [&str; 6] = ["hélène.dupré", "łukasz.wójcik", "con", "o'brien", "x..", "李伟"];
const HOSTILE_CLIENT: &str = "TC-EVIL\t[LOGON.]\t2020-01-01T00:00:00.000+01:00\tadmin";

fn mac(rng: &mut Rng) -> String {
    let bytes = rng.next().to_be_bytes();
    format!(
        "00-1A-{:02X}-{:02X}-{:02X}-{:02X}",
        bytes[0], bytes[1], bytes[2], bytes[3]
    )
}

impl Population {
    pub fn new(computers: usize, users: usize, rng: &mut Rng) -> Population {
        let room_size = 16;
        let mut list = Vec::with_capacity(computers + 2);
        for i in 0..computers {
            let (room, seat) = (i / room_size, i % room_size + 1);
            let building = (b'A' + (room / 20) as u8 % 26) as char;
            let name = format!("{building}{:02}-PC{seat:02}", room % 20 + 1);
            let os = if rng.chance(0.7) {
                "Windows 11 Pro 24H2"
            } else {
                "Windows 10 Pro 22H2"
            };
            list.push(Computer {
                name,
                ip: format!("10.{}.{}.{}", room / 250 + 1, room % 250, seat + 10),
                mac: mac(rng),
                os,
            });
        }
        let thin_count = computers / 10;
        // Two RDS servers at least, so that a farm is simulated.
        let servers = if thin_count >= 2 {
            thin_count.div_ceil(50).max(2)
        } else {
            thin_count
        };
        for s in 0..servers {
            list.push(Computer {
                name: format!("RDS{:02}", s + 1),
                ip: format!("10.250.0.{}", s + 10),
                mac: mac(rng),
                os: "Windows Server 2022 Standard",
            });
        }
        let mut thin_clients: Vec<ThinClient> = (0..thin_count)
            .map(|i| ThinClient {
                name: format!("TC-{:03}", i + 1),
                server: computers + i % servers.max(1),
            })
            .collect();
        if let Some(first) = thin_clients.first_mut() {
            first.name = HOSTILE_CLIENT.to_owned();
        }
        let mut names = Vec::with_capacity(users);
        for i in 0..users {
            let hostile = i % 97 == 7 && i / 97 < HOSTILE_USERS.len();
            names.push(if hostile {
                HOSTILE_USERS[i / 97].to_owned()
            } else {
                format!("{}.{}{}", FIRST[i % 16], LAST[(i / 16) % 16], i / 256)
            });
        }
        Population {
            computers: list,
            workstations: computers,
            room_size,
            thin_clients,
            users: names,
        }
    }

    pub fn rooms(&self) -> usize {
        self.workstations.div_ceil(self.room_size)
    }

    /// Whether a user is staff: at their desk all day, in a remote session.
    pub fn is_staff(&self, user: usize) -> bool {
        user % 40 == 39
    }
}
