# The `deadlines` example's own sentences (examples/deadlines.rs), in English. Names of the
# domain, dates as people write them and every error's message come from kezek itself.
title = kezek { $version } — deadlines on the Kazakh working-day calendar
child-register = Child { $child }: born { $born } (from the register)
child-iin = Child { $child }: born { $born } (as the IIN encodes it)
child-no-birth = Child { $child }: the IIN encodes no birth date; give it with --born
iin-rejected = The IIN is refused: { $message }
no-policy = No policy: { $message }
regions = Regions: { $regions }
policy = Policy in force in { $region } on { $date }: { $name }
starting = Starting at { $moment }:
window-confirm-voucher = confirm the voucher
window-sign-contract = sign the contract
window-restore = restore a lapsed voucher
window-confirm-interest = confirm interest
window-choose = choose a kindergarten (notice)
window-revoke = revoke the direction
window-bring = bring the child (direction)
day-working = { $date } is a working day.
day-weekend = { $date } is a day off (a Saturday or Sunday).
day-holiday = { $date } is a holiday: { $holiday }.
day-carried-over = { $date } is a day off: { $holiday } fell on a weekend ({ $on }).
day-transferred-off = { $date } is a day off moved by decree from { $from }.
day-transferred-working = { $date } is a working day by decree (its day off moved to { $to }).
refused = Not done: { $message }
registered = Registered { $moment }: queue number { $number }
may-offer = May the child be offered a place on { $moment }? { $allowed ->
    [yes] Yes.
   *[no] No.
}
vouchers = Under this policy places come as vouchers: handed out from { $day } each year, confirmed, then a contract signed (deadlines above).
notice = Notice sent: choose a kindergarten { $deadline }.
direction = Direction issued { $moment }:
revocable = it may be revoked { $deadline }
bring = bring the child { $deadline }
stop-list = if not, on the stop-list { $deadline }
history = History:
