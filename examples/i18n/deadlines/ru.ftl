# Собственные фразы примера `deadlines` (examples/deadlines.rs) на русском. Названия
# предметной области, даты и сообщения об ошибках берутся из самого kezek.
title = kezek { $version } — сроки по казахстанскому календарю рабочих дней
child-register = Ребёнок { $child }: дата рождения { $born } (по данным реестра)
child-iin = Ребёнок { $child }: дата рождения { $born } (по ИИН)
child-no-birth = Ребёнок { $child }: в ИИН нет даты рождения; укажите её через --born
iin-rejected = ИИН не принят: { $message }
no-policy = Политика не найдена: { $message }
regions = Регионы: { $regions }
policy = Политика, действующая в регионе { $region } на { $date }: { $name }
starting = Начальный момент: { $moment }
window-confirm-voucher = подтвердить ваучер
window-sign-contract = заключить договор
window-restore = восстановить истёкший ваучер
window-confirm-interest = подтвердить заинтересованность
window-choose = выбрать детский сад (уведомление)
window-revoke = отказаться от направления
window-bring = привести ребёнка (направление)
day-working = { $date } — рабочий день.
day-weekend = { $date } — выходной (суббота или воскресенье).
day-holiday = { $date } — праздник: { $holiday }.
day-carried-over = { $date } — выходной: праздник «{ $holiday }» пришёлся на выходной ({ $on }).
day-transferred-off = { $date } — выходной, перенесённый постановлением с { $from }.
day-transferred-working = { $date } — рабочий день по постановлению (выходной перенесён на { $to }).
refused = Не выполнено: { $message }
registered = Зарегистрировано { $moment }: номер в очереди { $number }
may-offer = Можно ли предложить ребёнку место { $moment }? { $allowed ->
    [yes] Да.
   *[no] Нет.
}
vouchers = По этой политике места выдаются ваучерами: распределение с { $day } каждого года, подтверждение, затем договор (сроки выше).
notice = Уведомление отправлено: выберите детский сад { $deadline }.
direction = Направление выдано { $moment }:
revocable = отказаться можно { $deadline }
bring = привести ребёнка { $deadline }
stop-list = иначе — стоп-лист { $deadline }
history = История:
