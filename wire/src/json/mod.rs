//! The wire types' JSON shape without serde, for the widget (whose bundle carries no serde): a
//! codec written once against a small [`Json`] trait of a JSON-like value. browser-kit implements
//! it over the browser's own `JSON.parse` values; the tests implement it over `serde_json::Value`
//! and check, for every type the codec knows, that it reads what serde writes and writes what
//! serde reads. A required field that is missing or of the wrong type is an error naming the
//! field, never a quiet `""` or `0`.
//!
//! Only the shapes the widget reads or writes have a codec; the console and the edge use serde.
//! Where the widget uses part of an answer it reads a view of it (`crate::views`, declared with
//! `json_read!`), and the full type has no codec. Each type's shape is declared once, beside
//! the type, with [`json_struct!`], [`json_tagged!`] or the names of its enum (`names!` in
//! `lib.rs`).

#[macro_use]
mod macros;
#[cfg(test)]
pub(crate) mod sample;
#[cfg(all(test, feature = "serde"))]
mod agreement;

/// A JSON value as the codec sees it.
pub trait Json: Sized + Clone {
    /// The field `key` of an object: `None` when it is absent or null, or this is no object.
    fn field(&self, key: &str) -> Option<Self>;
    fn string(&self) -> Option<String>;
    fn number(&self) -> Option<f64>;
    fn boolean(&self) -> Option<bool>;
    /// The items of an array.
    fn items(&self) -> Option<Vec<Self>>;
    fn null() -> Self;
    fn new_object() -> Self;
    /// Sets a field of an object made by [`Json::new_object`].
    fn set(&mut self, key: &str, value: Self);
    fn from_string(value: &str) -> Self;
    fn from_number(value: f64) -> Self;
    fn from_boolean(value: bool) -> Self;
    fn new_list() -> Self;
    /// Appends an item to a list made by [`Json::new_list`].
    fn push(&mut self, item: Self);
}

/// A value that is not of its type's shape: `field` names the innermost field at fault (empty
/// for the value itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable {
    pub field: &'static str,
}

/// Where a read notes the first field it found missing or of the wrong type. Reading goes on
/// with placeholders (`""`, `0`, the first variant) and the whole value is then refused, so no
/// half-built value is dropped on the way out: in the browser this keeps the codec about as
/// small as hand-written reads.
#[derive(Debug, Default)]
pub struct Problem {
    /// The field being read (the innermost, as reading goes down).
    at: &'static str,
    found: Option<&'static str>,
}

impl Problem {
    /// Reading moves to the field `key`.
    pub fn at(&mut self, key: &'static str) {
        self.at = key;
    }

    /// The value being read is missing or of the wrong type.
    pub fn here(&mut self) {
        self.found.get_or_insert(self.at);
    }
}

/// A type read from JSON.
pub trait Read: Sized {
    /// `None` is an absent or null value. A value of the wrong shape notes a [`Problem`] and
    /// gives a placeholder.
    fn read<J: Json>(value: Option<J>, problem: &mut Problem) -> Self;
}

/// A type written as JSON.
pub trait Write {
    fn write<J: Json>(&self) -> J;
    /// Whether its field is left out of the object (an absent optional).
    fn absent(&self) -> bool {
        false
    }
}

/// A struct or tagged enum whose fields can go into an enclosing object (serde's `flatten`).
pub trait Fields {
    fn write_fields<J: Json>(&self, out: &mut J);
}

/// Reads `T` from a whole JSON value, or names the first field at fault.
pub fn read<T: Read, J: Json>(value: J) -> Result<T, Unreadable> {
    let mut problem = Problem::default();
    let read = T::read(Some(value), &mut problem);
    match problem.found {
        None => Ok(read),
        Some(field) => Err(Unreadable { field }),
    }
}

/// The required (or optional, for `Option`) field `key` of an object: one call per field read.
pub fn field<T: Read, J: Json>(object: &J, key: &'static str, problem: &mut Problem) -> T {
    T::read(lookup(object, key, problem), problem)
}

/// The value of field `key`, which reading moves to. Not generic over the field's type: the
/// browser's bundle carries one copy.
pub fn lookup<J: Json>(object: &J, key: &'static str, problem: &mut Problem) -> Option<J> {
    problem.at(key);
    object.field(key)
}

/// A field that reads as its default when absent (serde's `#[serde(default)]`).
pub fn field_or_default<T: Read + Default, J: Json>(object: &J, key: &'static str, problem: &mut Problem) -> T {
    problem.at(key);
    match object.field(key) {
        None => T::default(),
        value => T::read(value, problem),
    }
}

/// The object to read a struct's fields from: `value`, or when it is absent an empty stand-in
/// (every field then reads as a placeholder) and a noted problem.
pub fn object<J: Json>(value: Option<J>, problem: &mut Problem) -> J {
    value.unwrap_or_else(|| {
        problem.here();
        J::null()
    })
}

/// Writes field `key` unless the value is an absent optional.
pub fn put<T: Write, J: Json>(out: &mut J, key: &str, value: &T) {
    if !value.absent() {
        out.set(key, value.write());
    }
}

/// Where `name` is in `names`.
pub fn position(names: &[&str], name: &str) -> Option<usize> {
    let mut i = 0;
    while i < names.len() {
        if names[i] == name {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Which of `names` (an enum's, see `names!`) the string `value` is: `None` for a name not among
/// them; a value that is no string is a problem (and reads as the first).
pub fn name<J: Json>(value: Option<J>, names: &[&str], problem: &mut Problem) -> Option<usize> {
    match value.and_then(|v| v.string()) {
        Some(name) => position(names, &name),
        None => {
            problem.here();
            Some(0)
        }
    }
}

impl Read for String {
    fn read<J: Json>(value: Option<J>, problem: &mut Problem) -> Self {
        value.and_then(|v| v.string()).unwrap_or_else(|| {
            problem.here();
            String::new()
        })
    }
}

impl Write for String {
    fn write<J: Json>(&self) -> J {
        J::from_string(self)
    }
}

impl Read for bool {
    fn read<J: Json>(value: Option<J>, problem: &mut Problem) -> Self {
        value.and_then(|v| v.boolean()).unwrap_or_else(|| {
            problem.here();
            false
        })
    }
}

impl Write for bool {
    fn write<J: Json>(&self) -> J {
        J::from_boolean(*self)
    }
}

/// The largest integer a JSON number (an f64) holds exactly: 2^53 − 1.
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// A whole number in `min..=max`, as JSON numbers (f64) carry it; 0 with a problem otherwise.
fn integer<J: Json>(value: Option<J>, min: i64, max: i64, problem: &mut Problem) -> i64 {
    match value.and_then(|v| v.number()) {
        Some(n) if n.fract() == 0.0 && n >= min as f64 && n <= max as f64 => n as i64,
        _ => {
            problem.here();
            0
        }
    }
}

macro_rules! integers {
    ($($int:ty),*) => {$(
        impl Read for $int {
            fn read<J: Json>(value: Option<J>, problem: &mut Problem) -> Self {
                let max = (<$int>::MAX as i128).min(MAX_SAFE_INTEGER as i128) as i64;
                let min = (<$int>::MIN as i128).max(-MAX_SAFE_INTEGER as i128) as i64;
                integer(value, min, max, problem) as $int
            }
        }

        impl Write for $int {
            fn write<J: Json>(&self) -> J {
                J::from_number(*self as f64)
            }
        }
    )*};
}

integers!(u8, u32, u64, i64);

impl<T: Read> Read for Option<T> {
    fn read<J: Json>(value: Option<J>, problem: &mut Problem) -> Self {
        value.map(|v| T::read(Some(v), problem))
    }
}

impl<T: Write> Write for Option<T> {
    fn write<J: Json>(&self) -> J {
        self.as_ref().map_or_else(J::null, T::write)
    }

    fn absent(&self) -> bool {
        self.is_none()
    }
}

impl<T: Read> Read for Vec<T> {
    fn read<J: Json>(value: Option<J>, problem: &mut Problem) -> Self {
        // Loops, not iterator adapters: one small function per item type in the browser.
        let mut out = Vec::new();
        match value.and_then(|v| v.items()) {
            Some(items) => {
                for item in items {
                    out.push(T::read(Some(item), problem));
                }
            }
            None => problem.here(),
        }
        out
    }
}

impl<T: Write> Write for Vec<T> {
    fn write<J: Json>(&self) -> J {
        let mut out = J::new_list();
        for item in self {
            out.push(item.write());
        }
        out
    }
}

impl<T: Write + ?Sized> Write for &T {
    fn write<J: Json>(&self) -> J {
        (**self).write()
    }

    fn absent(&self) -> bool {
        (**self).absent()
    }
}

impl<T: Fields + ?Sized> Fields for &T {
    fn write_fields<J: Json>(&self, out: &mut J) {
        (**self).write_fields(out)
    }
}
