// A portal page's use of the package, bundled by tests/packaging/npm.sh: a masked IIN, a
// deadline on the working-day calendar as people read it, and a refusal as a real Error.
import { Iin, IinError, WorkCalendar, showDeadline } from "kezek";

const out = document.querySelector("#out");
try {
  const child = new Iin("210308600403");
  // Three working days from Thursday 20 March 2025: Nauryz (21–25 March) is skipped.
  const end = WorkCalendar.kazakhstan().deadline("2025-03-20T15:00:00", 3, "working_days");
  let refused = "";
  try {
    new Iin("123");
  } catch (e) {
    refused = e instanceof IinError && e instanceof Error ? e.code : "not an IinError";
  }
  out.textContent = [child.masked, end.lastDay, showDeadline(end).kk, refused].join(" | ");
} catch (e) {
  out.textContent = `failed: ${e}`;
}
out.dataset.done = "true";
