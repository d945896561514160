//! CSV export of the analytics tables (RFC 4180). Queries and article ids are user-written, so a
//! cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'`.

/// The file: a header line, then one line per row, CRLF-terminated.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        out.push_str(&cells.map(cell).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

fn cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_string() };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// A number cell; an absent value is an empty cell.
pub fn number(value: Option<f64>) -> String {
    value.map(|v| format!("{}", (v * 1000.0).round() / 1000.0)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_when_they_must_be() {
        let rows = vec![vec!["退款, 怎么\"办\"".to_string(), "3".to_string()], vec!["line\nbreak".to_string(), String::new()]];
        assert_eq!(table(&["query", "count"], &rows), "query,count\r\n\"退款, 怎么\"\"办\"\"\",3\r\n\"line\nbreak\",\r\n");
    }

    #[test]
    fn formulas_are_defused() {
        let rows = vec![vec!["=HYPERLINK(\"http://x\")".to_string()], vec!["@SUM(A1)".to_string()], vec!["-1+1".to_string()]];
        assert_eq!(table(&["q"], &rows), "q\r\n\"'=HYPERLINK(\"\"http://x\"\")\"\r\n'@SUM(A1)\r\n'-1+1\r\n");
    }

    #[test]
    fn numbers_keep_three_decimals() {
        assert_eq!(number(Some(2.0 / 3.0)), "0.667");
        assert_eq!(number(Some(4.0)), "4");
        assert_eq!(number(None), "");
    }
}
