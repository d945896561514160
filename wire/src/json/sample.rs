//! Arbitrary values of the wire types, for the property tests: numbers within what a JSON number
//! holds exactly (as the browser reads them), short strings of any characters, short lists.

use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;

use super::MAX_SAFE_INTEGER;

pub trait Sample: Sized + std::fmt::Debug {
    fn strategy() -> BoxedStrategy<Self>;
}

pub fn any<T: Sample>() -> BoxedStrategy<T> {
    T::strategy()
}

impl Sample for String {
    fn strategy() -> BoxedStrategy<Self> {
        proptest::string::string_regex("\\PC{0,6}|[a-z_]{0,6}").unwrap().boxed()
    }
}

impl Sample for bool {
    fn strategy() -> BoxedStrategy<Self> {
        proptest::bool::ANY.boxed()
    }
}

impl Sample for u8 {
    fn strategy() -> BoxedStrategy<Self> {
        proptest::num::u8::ANY.boxed()
    }
}

impl Sample for u32 {
    fn strategy() -> BoxedStrategy<Self> {
        proptest::num::u32::ANY.boxed()
    }
}

impl Sample for u64 {
    fn strategy() -> BoxedStrategy<Self> {
        (0..=MAX_SAFE_INTEGER as u64).boxed()
    }
}

impl Sample for i64 {
    fn strategy() -> BoxedStrategy<Self> {
        (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).boxed()
    }
}

impl<T: Sample + 'static> Sample for Option<T> {
    fn strategy() -> BoxedStrategy<Self> {
        proptest::option::of(T::strategy()).boxed()
    }
}

impl<T: Sample + 'static> Sample for Vec<T> {
    fn strategy() -> BoxedStrategy<Self> {
        proptest::collection::vec(T::strategy(), 0..3).boxed()
    }
}
