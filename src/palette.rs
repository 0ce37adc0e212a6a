//! The color of each event kind, the same wherever a log is shown in color:
//! the RTF export and the module's console views.
//!
//! Colors are named as .NET's `ConsoleColor` (what a console view uses),
//! with the RGB value of that color in the Windows console's default
//! scheme (Campbell), which the RTF export uses. Only the dark variants are
//! used, so that every event reads on white paper as on a dark console.
//!
//! | event | color |
//! |-------|-------|
//! | Logon | DarkGreen |
//! | Logoff | DarkRed |
//! | Lock | DarkYellow |
//! | Unlock | DarkCyan |
//! | Reconnect | DarkBlue |
//! | Disconnect | DarkMagenta |
//! | Startup, Shutdown | DarkGray |
//! | Other | Black |

use crate::format::event::Event;

/// A console color, by its `ConsoleColor` name and RGB value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color {
    /// The `System.ConsoleColor` name.
    pub name: &'static str,
    pub red: u8,
    pub green: u8,
    pub blue: u8,
}

const fn color(name: &'static str, red: u8, green: u8, blue: u8) -> Color {
    Color { name, red, green, blue }
}

pub const BLACK: Color = color("Black", 12, 12, 12);
pub const DARK_GREEN: Color = color("DarkGreen", 19, 161, 14);
pub const DARK_RED: Color = color("DarkRed", 197, 15, 31);
pub const DARK_YELLOW: Color = color("DarkYellow", 193, 156, 0);
pub const DARK_CYAN: Color = color("DarkCyan", 58, 150, 221);
pub const DARK_BLUE: Color = color("DarkBlue", 0, 55, 218);
pub const DARK_MAGENTA: Color = color("DarkMagenta", 136, 23, 152);
pub const DARK_GRAY: Color = color("DarkGray", 118, 118, 118);

/// Every color the palette uses, each once, in a fixed order.
pub const ALL: [Color; 8] = [
    BLACK,
    DARK_GREEN,
    DARK_RED,
    DARK_YELLOW,
    DARK_CYAN,
    DARK_BLUE,
    DARK_MAGENTA,
    DARK_GRAY,
];

/// The color an event is shown in.
pub fn of(event: Event) -> Color {
    match event {
        Event::Logon => DARK_GREEN,
        Event::Logoff => DARK_RED,
        Event::Lock => DARK_YELLOW,
        Event::Unlock => DARK_CYAN,
        Event::Reconnect => DARK_BLUE,
        Event::Disconnect => DARK_MAGENTA,
        Event::Startup | Event::Shutdown => DARK_GRAY,
        Event::Other => BLACK,
    }
}
