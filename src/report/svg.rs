//! Bar charts as inline SVG, drawn without script: one `<rect>` per value,
//! each with a `<title>` (its label and value, shown on hover), the axis
//! labels as `<text>`. Every label is escaped with [`escape`].

use std::fmt::Write;

/// `text` safe inside HTML and SVG text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters have no business in a page (a forged
            // thin client name holds tabs).
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 180.0;

/// Vertical bars, one per `(label, value)`, for a series in order (days,
/// hours). With many bars only some labels are written, evenly spaced.
pub fn columns(caption: &str, bars: &[(String, u64)]) -> String {
    let max = bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f64;
    let step = WIDTH / bars.len().max(1) as f64;
    let every = bars.len().div_ceil(24).max(1);
    let mut svg = format!(
        r#"<svg class="chart" role="img" viewBox="0 0 {w} {h}" width="{w}" height="{h}" xmlns="http://www.w3.org/2000/svg"><title>{caption}</title>"#,
        w = WIDTH,
        h = HEIGHT + 40.0,
        caption = escape(caption)
    );
    for (index, (label, value)) in bars.iter().enumerate() {
        let height = *value as f64 / max * HEIGHT;
        let x = index as f64 * step;
        let _ = write!(
            svg,
            r#"<rect x="{x:.1}" y="{y:.1}" width="{bw:.1}" height="{height:.1}"><title>{label}: {value}</title></rect>"#,
            y = HEIGHT - height + 10.0,
            bw = (step * 0.8).max(1.0),
            label = escape(label)
        );
        if index % every == 0 {
            let _ = write!(
                svg,
                r#"<text x="{tx:.1}" y="{ty}" class="axis">{label}</text>"#,
                tx = x + step * 0.4,
                ty = HEIGHT + 28.0,
                label = escape(label)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars, one per `(label, value)`, labelled with both (the
/// busiest computers, the rooms).
pub fn rows(caption: &str, bars: &[(String, u64)]) -> String {
    let max = bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f64;
    let (label_width, row) = (200.0, 22.0);
    let height = row * bars.len() as f64 + 10.0;
    let mut svg = format!(
        r#"<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{caption}</title>"#,
        caption = escape(caption)
    );
    for (index, (label, value)) in bars.iter().enumerate() {
        let y = index as f64 * row + 5.0;
        let width = *value as f64 / max * (WIDTH - label_width - 60.0);
        let label = escape(label);
        let _ = write!(
            svg,
            r#"<text x="{lx}" y="{ty:.1}" class="label">{label}</text><rect x="{label_width}" y="{y:.1}" width="{width:.1}" height="{bh}"><title>{label}: {value}</title></rect><text x="{vx:.1}" y="{ty:.1}" class="value">{value}</text>"#,
            lx = label_width - 8.0,
            ty = y + row * 0.65,
            bh = row * 0.75,
            vx = label_width + width + 6.0
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_controls_are_escaped() {
        assert_eq!(
            escape("<b a=\"1\">&'x'\t"),
            "&lt;b a=&quot;1&quot;&gt;&amp;&#39;x&#39;\u{FFFD}"
        );
    }

    #[test]
    fn each_value_is_a_bar_with_its_label_and_value() {
        let svg = columns("Logons", &[("08".into(), 4), ("<9>".into(), 2)]);
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(
            svg.contains("<title>08: 4</title>") && svg.contains("&lt;9&gt;: 2"),
            "{svg}"
        );
        assert!(!svg.contains("<9>"), "{svg}");
    }
}
