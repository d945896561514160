//! Small SVG charts drawn here rather than by a charting crate: two shapes (a column per day, a
//! bar per name) cover every figure the analytics screen shows, in a few kilobytes. Each chart
//! is a figure whose caption names the SVG, with its numbers in a table beneath for screen
//! readers and for anyone who wants the exact values. Labels are text nodes (user-written
//! queries among them), never markup.

use browser_kit::locale::Locale;
use yew::prelude::*;

use super::use_ui;
use crate::i18n::Text;
use crate::labels;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 24.0;
const ROW: f64 = 26.0;
const LABEL_CHARS: usize = 22;

/// What the numbers are, for axis labels and tables.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Count,
    Hours,
    Rate,
    Score,
}

impl Unit {
    pub fn format(self, locale: Locale, value: f64) -> String {
        match self {
            Unit::Count => format!("{}", value.round()),
            Unit::Hours => labels::hours(locale, value),
            Unit::Rate => labels::percent(value),
            Unit::Score => format!("{:.1}", value),
        }
    }

    /// The top of the scale: rates end at 100 %, scores at 5, counts and hours a little above
    /// the largest value.
    fn top(self, largest: f64) -> f64 {
        match self {
            Unit::Rate => 1.0,
            Unit::Score => 5.0,
            _ if largest <= 0.0 => 1.0,
            _ => largest * 1.1,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ColumnsProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub days: Vec<String>,
    /// One per day; `None` for a day without a value.
    pub values: Vec<Option<f64>>,
    pub unit: Unit,
}

/// One column per day.
#[function_component]
pub fn Columns(props: &ColumnsProps) -> Html {
    let ui = use_ui();
    let n = props.days.len().max(1) as f64;
    let largest = props.values.iter().flatten().fold(0.0_f64, |a, b| a.max(*b));
    let top = props.unit.top(largest);
    let plot = HEIGHT - BOTTOM;
    let slot = (WIDTH - LEFT) / n;
    // Every k-th day is labelled, so the labels do not overlap.
    let every = ((props.days.len() as f64) / 10.0).ceil().max(1.0) as usize;
    let caption = format!("{}-caption", props.id);
    let rows: Vec<(String, Option<f64>)> = props.days.iter().cloned().zip(props.values.iter().copied()).collect();
    html! {
        <figure class="chart" id={props.id.clone()}>
            <figcaption id={caption.clone()}>{ &props.title }</figcaption>
            if props.days.is_empty() {
                <p class="status">{ ui.t(Text::NoData) }</p>
            } else {
                <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-labelledby={caption} preserveAspectRatio="xMidYMid meet">
                    <line class="axis" x1={LEFT.to_string()} y1={plot.to_string()} x2={WIDTH.to_string()} y2={plot.to_string()} />
                    <text class="tick" x={(LEFT - 6.0).to_string()} y="12" text-anchor="end">{ props.unit.format(ui.locale, top) }</text>
                    <text class="tick" x={(LEFT - 6.0).to_string()} y={plot.to_string()} text-anchor="end">{ "0" }</text>
                    { for props.values.iter().enumerate().map(|(i, v)| {
                        let x = LEFT + slot * i as f64 + slot * 0.15;
                        let h = v.map_or(0.0, |v| (v / top).clamp(0.0, 1.0) * (plot - 14.0));
                        html! {
                            <>
                                if v.is_some() {
                                    <rect class="bar" x={x.to_string()} y={(plot - h).to_string()} width={(slot * 0.7).to_string()} height={h.to_string()} />
                                }
                                if i % every == 0 {
                                    <text class="tick" x={(x + slot * 0.35).to_string()} y={(HEIGHT - 6.0).to_string()} text-anchor="middle">
                                        { props.days[i].get(5..).unwrap_or(&props.days[i]).to_string() }
                                    </text>
                                }
                            </>
                        }
                    }) }
                </svg>
                { data_table(&ui, &rows, props.unit, Text::Day) }
            }
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct BarsProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub rows: Vec<(String, f64)>,
    pub unit: Unit,
    /// What the names are (query, article, department…), for the table's header.
    pub name: Text,
}

/// One bar per name, largest first as given.
#[function_component]
pub fn Bars(props: &BarsProps) -> Html {
    let ui = use_ui();
    let largest = props.rows.iter().fold(0.0_f64, |a, (_, v)| a.max(*v));
    let top = props.unit.top(largest);
    let height = ROW * props.rows.len() as f64 + 4.0;
    let label_width = 180.0;
    let room = WIDTH - label_width - 70.0;
    let caption = format!("{}-caption", props.id);
    let rows: Vec<(String, Option<f64>)> = props.rows.iter().map(|(n, v)| (n.clone(), Some(*v))).collect();
    html! {
        <figure class="chart" id={props.id.clone()}>
            <figcaption id={caption.clone()}>{ &props.title }</figcaption>
            if props.rows.is_empty() {
                <p class="status">{ ui.t(Text::NoData) }</p>
            } else {
                <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-labelledby={caption}>
                    { for props.rows.iter().enumerate().map(|(i, (name, value))| {
                        let y = ROW * i as f64 + 4.0;
                        let w = (value / top).clamp(0.0, 1.0) * room;
                        html! {
                            <>
                                <text class="label" x={(label_width - 8.0).to_string()} y={(y + 15.0).to_string()} text-anchor="end">{ shorten(name) }</text>
                                <rect class="bar" x={label_width.to_string()} y={y.to_string()} width={w.max(1.0).to_string()} height={(ROW - 8.0).to_string()} />
                                <text class="value" x={(label_width + w + 6.0).to_string()} y={(y + 15.0).to_string()}>{ props.unit.format(ui.locale, *value) }</text>
                            </>
                        }
                    }) }
                </svg>
                { data_table(&ui, &rows, props.unit, props.name) }
            }
        </figure>
    }
}

fn shorten(name: &str) -> String {
    if name.chars().count() <= LABEL_CHARS {
        name.to_string()
    } else {
        format!("{}…", name.chars().take(LABEL_CHARS - 1).collect::<String>())
    }
}

fn data_table(ui: &crate::app::Ui, rows: &[(String, Option<f64>)], unit: Unit, name: Text) -> Html {
    html! {
        <details>
            <summary>{ ui.t(Text::ShowNumbers) }</summary>
            <table>
                <thead><tr><th scope="col">{ ui.t(name) }</th><th scope="col">{ ui.t(Text::Value) }</th></tr></thead>
                <tbody>
                    { for rows.iter().map(|(n, v)| html! {
                        <tr><td>{ n }</td><td>{ v.map(|v| unit.format(ui.locale, v)).unwrap_or_else(|| "—".into()) }</td></tr>
                    }) }
                </tbody>
            </table>
        </details>
    }
}
