//! Named styles. [`Theme::plain`] uses only modifiers (reverse, bold,
//! underline), so the selection and highlights stay visible with NO_COLOR.

use ratatui::style::{Color, Modifier, Style};

/// The styles the explorer draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Title bar.
    pub title: Style,
    /// Selected timeline row.
    pub selected: Style,
    /// Dates in the timeline.
    pub date: Style,
    /// Event markers (`!`, excerpt count).
    pub marker: Style,
    /// Year separators and gap lines.
    pub separator: Style,
    /// Era gutter.
    pub era: Style,
    /// Headings in the detail pane.
    pub heading: Style,
    /// Field labels.
    pub label: Style,
    /// The quoted span of an excerpt / the focused passage.
    pub quote: Style,
    /// Other cited passages in the reader.
    pub cited: Style,
    /// Temporal expressions in the reader outside cited passages (inside
    /// one they take the passage's style, bold and underlined).
    pub expression: Style,
    /// Discrepancy notes.
    pub discrepancy: Style,
    /// Error banner.
    pub banner: Style,
    /// Status line.
    pub status: Style,
    /// Border of the focused pane.
    pub focused: Style,
    /// Border of other panes.
    pub border: Style,
    /// Density bars.
    pub density: Style,
    /// The selection and window on the density ruler.
    pub density_mark: Style,
    /// Less important text.
    pub dim: Style,
    /// Characters a search matched.
    pub hit: Style,
    /// The bad part of a search query.
    pub error_span: Style,
}

impl Theme {
    /// With colour.
    pub fn colored() -> Self {
        let base = Style::new();
        Theme {
            title: base
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            selected: base.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            date: base.fg(Color::Cyan),
            marker: base.fg(Color::Yellow),
            separator: base.fg(Color::DarkGray),
            era: base.fg(Color::Magenta),
            heading: base.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            label: base.fg(Color::DarkGray),
            quote: base.fg(Color::Black).bg(Color::Yellow),
            cited: base.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED),
            expression: base.fg(Color::LightGreen).add_modifier(Modifier::BOLD),
            discrepancy: base.fg(Color::LightRed),
            banner: base
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            status: base.fg(Color::Gray),
            focused: base.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: base.fg(Color::DarkGray),
            density: base.fg(Color::Blue),
            density_mark: base.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            dim: base.fg(Color::DarkGray),
            hit: base
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            error_span: base
                .fg(Color::LightRed)
                .add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
        }
    }

    /// Without colour: modifiers only.
    pub fn plain() -> Self {
        let base = Style::new();
        let bold = base.add_modifier(Modifier::BOLD);
        Theme {
            title: base.add_modifier(Modifier::REVERSED),
            selected: base.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            date: base,
            marker: bold,
            separator: base,
            era: base,
            heading: bold,
            label: base,
            quote: base.add_modifier(Modifier::REVERSED),
            cited: base.add_modifier(Modifier::UNDERLINED),
            expression: bold,
            discrepancy: bold,
            banner: base.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            status: base,
            focused: bold,
            border: base,
            density: base,
            density_mark: bold,
            dim: base,
            hit: base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            error_span: base.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
        }
    }

    /// The theme for a `--color` decision.
    pub fn for_color(color: bool) -> Self {
        if color {
            Self::colored()
        } else {
            Self::plain()
        }
    }
}
