//! A logistic model over a message's signals: one weight per signal and a bias, fit by gradient
//! descent on the log loss with a small L2 penalty (so a signal seen in a handful of examples
//! cannot take a huge weight), and the probability threshold that gives the best F1 on the
//! examples it was fit on.

/// Fitted weights and the decision threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub weights: Vec<f32>,
    pub bias: f32,
    pub threshold: f32,
}

/// Gradient steps, step size and L2 penalty: enough steps for 0/1 signals to converge.
const STEPS: usize = 3000;
const RATE: f32 = 0.5;
const L2: f32 = 0.01;

impl Model {
    /// The probability that a message with these signals should reach a person now.
    pub fn probability(&self, signals: &[f32]) -> f32 {
        let z = self.bias + self.weights.iter().zip(signals).map(|(w, x)| w * x).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }

    pub fn escalate(&self, signals: &[f32]) -> bool {
        self.probability(signals) >= self.threshold
    }

    /// Fits the model on `(signals, should escalate)` examples. Positives are weighted by how
    /// rare they are, so the fit does not settle for "never escalate".
    pub fn fit(examples: &[(Vec<f32>, bool)]) -> Model {
        let positives = examples.iter().filter(|(_, y)| *y).count().max(1) as f32;
        let negatives = (examples.len() as f32 - positives).max(1.0);
        let mut model = Model::descend(examples, negatives / positives);
        model.threshold = best_threshold(&model, examples);
        model
    }

    /// The threshold with the best F1 on `examples` (which may differ from those fit on: a
    /// threshold set on messages as they arrive, weights learned from more).
    pub fn tune_threshold(&mut self, examples: &[(Vec<f32>, bool)]) {
        self.threshold = best_threshold(self, examples);
    }

    /// The threshold with the best F1 on `examples` for the judgement "`beside` already says
    /// yes, or else the model does" (`beside[i]` for `examples[i]`): the threshold the model
    /// needs when it only speaks where the cue lists are silent.
    pub fn tune_threshold_beside(&mut self, examples: &[(Vec<f32>, bool)], beside: &[bool]) {
        let scored = examples.iter().zip(beside).map(|((x, y), b)| (if *b { f32::INFINITY } else { self.probability(x) }, *y)).collect();
        self.threshold = threshold_of(scored);
    }

    /// Fits the model with every example weighing the same, so its probabilities match how
    /// often the label holds (a calibration); the threshold stays at ½ for the caller to set.
    pub fn fit_calibrated(examples: &[(Vec<f32>, bool)]) -> Model {
        Model::descend(examples, 1.0)
    }

    fn descend(examples: &[(Vec<f32>, bool)], positive_weight: f32) -> Model {
        let width = examples.first().map_or(0, |(x, _)| x.len());
        let mut model = Model { weights: vec![0.0; width], bias: 0.0, threshold: 0.5 };
        let total: f32 = examples.iter().map(|(_, y)| if *y { positive_weight } else { 1.0 }).sum::<f32>().max(1.0);
        for _ in 0..STEPS {
            let mut gradient = vec![0.0; width];
            let mut bias_gradient = 0.0;
            for (x, y) in examples {
                let weight = if *y { positive_weight } else { 1.0 };
                let error = weight * (model.probability(x) - if *y { 1.0 } else { 0.0 });
                bias_gradient += error;
                gradient.iter_mut().zip(x).for_each(|(g, xi)| *g += error * xi);
            }
            model.bias -= RATE * bias_gradient / total;
            for (w, g) in model.weights.iter_mut().zip(&gradient) {
                *w -= RATE * (g / total + L2 * *w);
            }
        }
        model
    }
}

/// The threshold with the best F1 on `examples`: halfway between two neighbouring
/// probabilities, so a message scored exactly like a training one is judged the same way.
fn best_threshold(model: &Model, examples: &[(Vec<f32>, bool)]) -> f32 {
    threshold_of(examples.iter().map(|(x, y)| (model.probability(x), *y)).collect())
}

/// The best-F1 threshold over (probability, label) pairs.
fn threshold_of(mut scored: Vec<(f32, bool)>) -> f32 {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = scored.iter().filter(|(_, y)| *y).count();
    let (mut best, mut best_f1, mut true_pos) = (0.5, -1.0, 0);
    for (k, &(p, y)) in scored.iter().enumerate() {
        true_pos += usize::from(y);
        let next = scored.get(k + 1).map(|s| s.0);
        if next == Some(p) {
            continue;
        }
        let f1 = 2.0 * true_pos as f32 / ((k + 1) as f32 + positives as f32);
        if f1 > best_f1 {
            best_f1 = f1;
            best = next.map_or(p / 2.0, |n| (p + n) / 2.0);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_which_signal_matters_and_where_to_cut() {
        // Signal 0 decides; signal 1 is noise present on both sides.
        let mut examples = Vec::new();
        for i in 0..40 {
            let noise = (i % 2) as f32;
            examples.push((vec![1.0, noise], true));
            examples.push((vec![0.0, noise], false));
            examples.push((vec![0.0, 1.0 - noise], false));
        }
        let model = Model::fit(&examples);
        assert!(model.weights[0] > 1.0, "{model:?}");
        assert!(model.weights[1].abs() < model.weights[0] / 4.0, "{model:?}");
        assert!(examples.iter().all(|(x, y)| model.escalate(x) == *y));
    }

    #[test]
    fn the_threshold_maximises_f1_on_what_it_was_fit_on() {
        let model = Model { weights: vec![1.0], bias: 0.0, threshold: 0.5 };
        // Probabilities: sigmoid(3) ≈ 0.95 and sigmoid(2) ≈ 0.88 positive, sigmoid(1) ≈ 0.73 negative.
        let examples = vec![(vec![3.0], true), (vec![2.0], true), (vec![1.0], false), (vec![0.0], false)];
        let threshold = best_threshold(&model, &examples);
        assert!(threshold > 0.74 && threshold < 0.88, "{threshold}");
    }

    #[test]
    fn a_rare_positive_still_gets_a_positive_weight() {
        let mut examples = vec![(vec![1.0], true)];
        examples.extend((0..30).map(|_| (vec![0.0], false)));
        let model = Model::fit(&examples);
        assert!(model.weights[0] > 0.0);
        assert!(model.escalate(&[1.0]) && !model.escalate(&[0.0]));
    }
}
