//! The writing model every index ships: `writing-model.toml` beside this file, read when an
//! index is built (by `faq build` and by the edge's publish alike, so both write the same
//! bytes). `faq eval --folds K --write-escalation-model` fits it again; `faq eval --folds K`
//! fails while the file differs from the fit, so the model cannot drift from its data.

use super::model::Model;
use super::signals::NAMES;

const FILE: &str = include_str!("writing-model.toml");

/// How close a weight read back must be to the fit: the file keeps four decimals.
pub const TOLERANCE: f32 = 1e-3;

/// The model in `writing-model.toml`.
pub fn model() -> Model {
    parse(FILE).expect("writing-model.toml is checked by the unit tests")
}

/// Reads a model written by [`to_toml`]: a weight per signal named in [`NAMES`] (missing ones
/// are 0), a bias and a threshold.
pub fn parse(text: &str) -> Result<Model, String> {
    let table: toml::Table = text.parse().map_err(|e| format!("writing-model.toml: {e}"))?;
    let number = |value: Option<&toml::Value>, what: &str| -> Result<f32, String> {
        match value {
            Some(toml::Value::Float(f)) => Ok(*f as f32),
            Some(toml::Value::Integer(i)) => Ok(*i as f32),
            _ => Err(format!("writing-model.toml: `{what}` must be a number")),
        }
    };
    let mut weights = vec![0.0; NAMES.len()];
    let listed = table.get("weights").and_then(toml::Value::as_table).ok_or("writing-model.toml: no [weights]")?;
    for (name, value) in listed {
        let at = NAMES.iter().position(|n| n == name).ok_or(format!("writing-model.toml: unknown signal `{name}`"))?;
        weights[at] = number(Some(value), name)?;
    }
    Ok(Model { weights, bias: number(table.get("bias"), "bias")?, threshold: number(table.get("threshold"), "threshold")? })
}

/// The model as `writing-model.toml` keeps it (weights of 0 left out).
pub fn to_toml(model: &Model) -> String {
    let mut out = String::from(concat!(
        "# The writing signals' escalation model every index ships (faq-data/src/escalation/shipped.rs).\n",
        "# Written by `faq eval --folds 5 --write-escalation-model`: do not edit by hand.\n",
    ));
    out += &format!("bias = {:.4}\nthreshold = {:.4}\n\n[weights]\n", model.bias, model.threshold);
    for (name, weight) in NAMES.iter().zip(&model.weights).filter(|(_, w)| **w != 0.0) {
        out += &format!("{name} = {weight:.4}\n");
    }
    out
}

/// Whether two models decide alike to within what the file keeps.
pub fn same(a: &Model, b: &Model) -> bool {
    let close = |x: f32, y: f32| (x - y).abs() <= TOLERANCE;
    a.weights.len() == b.weights.len() && a.weights.iter().zip(&b.weights).all(|(x, y)| close(*x, *y)) && close(a.bias, b.bias) && close(a.threshold, b.threshold)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_reads_and_round_trips() {
        let shipped = parse(FILE).unwrap();
        assert_eq!(shipped.weights.len(), NAMES.len());
        assert!(same(&parse(&to_toml(&shipped)).unwrap(), &shipped));
        assert!(shipped.weights.iter().any(|w| *w > 0.0), "{shipped:?}");
    }

    #[test]
    fn unknown_signals_and_missing_numbers_are_refused() {
        assert!(parse("bias = 0\nthreshold = 0.5\n[weights]\nsarcasm = 1.0\n").unwrap_err().contains("sarcasm"));
        assert!(parse("threshold = 0.5\n[weights]\n").unwrap_err().contains("bias"));
        assert!(parse("bias = 0\nthreshold = 0.5\n").unwrap_err().contains("[weights]"));
    }
}
