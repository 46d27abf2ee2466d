//! `WorkCalendar`: working days and deadlines on the calendar of Kazakhstan
//! (`RULES.md §9`); `ProvisionalCalendar` also answers years without decree data, flagging
//! such answers.

use kezek::calendar::{CalendarData, CalendarPatch, WorkCalendar as CoreCalendar};
use kezek::period::{Period, PeriodUnit};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::convert::{date, from_js, json_text, moment, small, to_js};
use crate::errors::js;

/// A working-day calendar. Dates are ISO strings (`"2025-03-21"`), moments ISO strings
/// without a zone (`"2025-03-20T15:00:00"`, Kazakhstan civil time).
#[wasm_bindgen]
#[derive(Clone)]
pub struct WorkCalendar(pub(crate) CoreCalendar);

/// The same calendar answering provisionally: each answer is `{value, provisional}`, with
/// `provisional` true when a year it depends on has no decree data yet.
#[wasm_bindgen]
pub struct ProvisionalCalendar(CoreCalendar);

/// A period from its amount and unit name (`"working_days"`…).
fn period(amount: &JsValue, unit: &JsValue) -> Result<Period, JsValue> {
    let unit: PeriodUnit = from_js("period unit", unit)?;
    Ok(Period {
        amount: small("amount", amount)?,
        unit,
    })
}

#[wasm_bindgen]
impl WorkCalendar {
    /// The national calendar of Kazakhstan (built in).
    pub fn kazakhstan() -> WorkCalendar {
        Self(CoreCalendar::kazakhstan())
    }

    /// A calendar from calendar data: JSON text in the core's format, or the same as data.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | object")] data: &JsValue,
    ) -> Result<WorkCalendar, JsValue> {
        let data = js(CalendarData::from_json(&json_text("calendar data", data)?))?;
        js(CoreCalendar::from_data(data)).map(Self)
    }

    /// This calendar with a patch applied (JSON text or data): a decree the built-in data
    /// does not have yet.
    #[wasm_bindgen(js_name = withPatch)]
    pub fn with_patch(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | object")] patch: &JsValue,
    ) -> Result<WorkCalendar, JsValue> {
        let patch = js(CalendarPatch::from_json(&json_text(
            "calendar patch",
            patch,
        )?))?;
        js(self.0.with_patch(patch)).map(Self)
    }

    /// The calendar's data as JSON text (the core's format).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.0.data().to_json()
    }

    /// Whether this is the built-in national calendar.
    #[wasm_bindgen(getter, js_name = isBuiltin)]
    pub fn is_builtin(&self) -> bool {
        self.0.is_builtin()
    }

    /// The years with decree data.
    #[wasm_bindgen(getter, js_name = knownYears)]
    pub fn known_years(&self) -> Vec<i32> {
        self.0.known_years().collect()
    }

    /// This calendar answering provisionally for years without decree data.
    pub fn provisional(&self) -> ProvisionalCalendar {
        ProvisionalCalendar(self.0.clone())
    }

    /// Whether `date` is a working day.
    #[wasm_bindgen(js_name = isWorkingDay)]
    pub fn is_working_day(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] day: &JsValue,
    ) -> Result<bool, JsValue> {
        js(self.0.is_working_day(date("date", day)?))
    }

    /// What the calendar says of `date`: working or not, and why.
    #[wasm_bindgen(js_name = dayInfo, unchecked_return_type = "DayInfo")]
    pub fn day_info(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] day: &JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&js(self.0.day_info(date("date", day)?))?)
    }

    /// The `n`th working day after `date`.
    #[wasm_bindgen(js_name = addWorkingDays, unchecked_return_type = "string")]
    pub fn add_working_days(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] day: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] n: &JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&js(self
            .0
            .add_working_days(date("date", day)?, small("n", n)?))?)
    }

    /// The date `n` calendar days after `date`.
    #[wasm_bindgen(js_name = addCalendarDays, unchecked_return_type = "string")]
    pub fn add_calendar_days(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] day: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] n: &JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&js(self
            .0
            .add_calendar_days(date("date", day)?, small("n", n)?))?)
    }

    /// Working days from `a` to `b` (negative when `b` is before `a`).
    #[wasm_bindgen(js_name = workingDaysBetween)]
    pub fn working_days_between(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] a: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] b: &JsValue,
    ) -> Result<f64, JsValue> {
        let n = js(self.0.working_days_between(date("a", a)?, date("b", b)?))?;
        #[allow(clippy::cast_precision_loss)] // a calendar's span is a few thousand days
        Ok(n as f64)
    }

    /// Where a period of `amount` `unit`s starting at `start` ends: `{lastDay, endsAt}`.
    #[wasm_bindgen(unchecked_return_type = "Deadline")]
    pub fn deadline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] start: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] amount: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "PeriodUnit")] unit: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (start, p) = (moment("start", start)?, period(amount, unit)?);
        to_js(&js(self.0.deadline(start, p))?)
    }
}

#[wasm_bindgen]
impl ProvisionalCalendar {
    /// As `WorkCalendar.isWorkingDay`, provisionally.
    #[wasm_bindgen(js_name = isWorkingDay, unchecked_return_type = "Answer<boolean>")]
    pub fn is_working_day(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] day: &JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&js(self
            .0
            .provisional()
            .is_working_day(date("date", day)?))?)
    }

    /// As `WorkCalendar.dayInfo`, provisionally.
    #[wasm_bindgen(js_name = dayInfo, unchecked_return_type = "Answer<DayInfo>")]
    pub fn day_info(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] day: &JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js(&js(self.0.provisional().day_info(date("date", day)?))?)
    }

    /// As `WorkCalendar.addWorkingDays`, provisionally.
    #[wasm_bindgen(js_name = addWorkingDays, unchecked_return_type = "Answer<string>")]
    pub fn add_working_days(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] day: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] n: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (day, n) = (date("date", day)?, small("n", n)?);
        to_js(&js(self.0.provisional().add_working_days(day, n))?)
    }

    /// As `WorkCalendar.workingDaysBetween`, provisionally.
    #[wasm_bindgen(js_name = workingDaysBetween, unchecked_return_type = "Answer<number>")]
    pub fn working_days_between(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] a: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] b: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (a, b) = (date("a", a)?, date("b", b)?);
        to_js(&js(self.0.provisional().working_days_between(a, b))?)
    }

    /// As `WorkCalendar.deadline`, provisionally.
    #[wasm_bindgen(unchecked_return_type = "Answer<Deadline>")]
    pub fn deadline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] start: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] amount: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "PeriodUnit")] unit: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (start, p) = (moment("start", start)?, period(amount, unit)?);
        to_js(&js(self.0.provisional().deadline(start, p))?)
    }
}
