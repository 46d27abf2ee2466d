//! Snapshots of earlier schema versions, brought to the current one step by step before
//! they are read, so a host's stored engines keep loading after an upgrade.
//!
//! Each step is a function on the JSON value of one version that gives the next version;
//! [`MIGRATIONS`] lists them by the version they read. A version without a step (1, whose
//! log kept registrations as raw input) is refused with `SNAPSHOT_VERSION`.

use serde_json::Value;

/// The first version that still loads, through the steps below.
pub(super) const OLDEST_LOADABLE: u32 = 2;

/// A step: the JSON of one version made the JSON of the next.
type Step = fn(&mut Value);

/// The step from each version to the next: `(from, step)`.
const MIGRATIONS: &[(u32, Step)] = &[(2, v2_to_v3), (3, v3_to_v4)];

/// Version 2 → 3: a direction no longer carries the stop-lists a lapse or an unconfirmed
/// right would bring (`lapse_stop_list`, `right_stop_list`): the engine counts a stop-list
/// when it begins, on the calendar it has then (issue 23, §3). Those fields are dropped;
/// nothing else changed.
fn v2_to_v3(snapshot: &mut Value) {
    let Some(applications) = snapshot
        .get_mut("applications")
        .and_then(Value::as_array_mut)
    else {
        return;
    };
    for application in applications {
        let Some(state) = application.get_mut("state").and_then(Value::as_object_mut) else {
            continue;
        };
        if state.get("state").and_then(Value::as_str) == Some("direction_issued") {
            state.remove("lapse_stop_list");
            state.remove("right_stop_list");
        }
    }
}

/// Version 3 → 4: an application carries the child's birth date and sex, which come from
/// the register (issue 23, §1). Every application of version 3 had them from its child's
/// IIN (it refused IINs that encode none), so each is filled from there and marked so
/// (`birth_date_source: "iin"`), in the applications and in the log's registrations.
fn v3_to_v4(snapshot: &mut Value) {
    fn fill(application: &mut Value) {
        let Some(app) = application.as_object_mut() else {
            return;
        };
        let child = app
            .get("child")
            .and_then(Value::as_str)
            .and_then(|digits| crate::Iin::parse(digits).ok());
        let Some(child) = child else {
            return; // the load refuses it, as it would have before
        };
        if let Some(born) = child.encoded_birth_date() {
            app.insert("child_birth_date".into(), Value::from(born.to_string()));
        }
        let sex = serde_json::to_value(child.encoded_sex()).unwrap_or(Value::Null);
        app.insert("child_sex".into(), sex);
        app.insert("birth_date_source".into(), Value::from("iin"));
    }
    if let Some(applications) = snapshot
        .get_mut("applications")
        .and_then(Value::as_array_mut)
    {
        for record in applications {
            if let Some(app) = record.get_mut("app") {
                fill(app);
            }
        }
    }
    if let Some(log) = snapshot.get_mut("log").and_then(Value::as_array_mut) {
        for entry in log {
            if entry.get("command").and_then(Value::as_str) == Some("register") {
                if let Some(app) = entry.get_mut("application") {
                    fill(app);
                }
            }
        }
    }
}

/// Brings `snapshot`, of version `found`, to version `to`; `None` when a step is missing.
pub(crate) fn migrate(snapshot: &mut Value, found: u32, to: u32) -> Option<()> {
    let mut version = found;
    while version < to {
        let (_, step) = MIGRATIONS.iter().find(|(from, _)| *from == version)?;
        step(snapshot);
        version += 1;
    }
    (version == to).then(|| {
        if let Some(v) = snapshot.get_mut("schema_version") {
            *v = Value::from(to);
        }
    })
}
