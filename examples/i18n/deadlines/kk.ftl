# `deadlines` мысалының өз сөйлемдері (examples/deadlines.rs), қазақ тілінде. Салалық
# атаулар, күндер мен қателер туралы хабарлар kezek-тің өзінен алынады.
title = kezek { $version } — Қазақстанның жұмыс күндері күнтізбесі бойынша мерзімдер
child-register = Бала { $child }: туған күні { $born } (тізілім бойынша)
child-iin = Бала { $child }: туған күні { $born } (ЖСН бойынша)
child-no-birth = Бала { $child }: ЖСН-де туған күні көрсетілмеген; оны --born арқылы беріңіз
iin-rejected = ЖСН қабылданбады: { $message }
no-policy = Саясат табылмады: { $message }
regions = Өңірлер: { $regions }
policy = { $region } өңірінде { $date } күні күшінде тұрған саясат: { $name }
starting = Бастапқы сәт: { $moment }
window-confirm-voucher = ваучерді растау
window-sign-contract = шарт жасасу
window-restore = мерзімі өткен ваучерді қалпына келтіру
window-confirm-interest = мүдделілікті растау
window-choose = балабақшаны таңдау (хабарлама)
window-revoke = жолдамадан бас тарту
window-bring = баланы апару (жолдама)
day-working = { $date } — жұмыс күні.
day-weekend = { $date } — демалыс күні (сенбі немесе жексенбі).
day-holiday = { $date } — мереке: { $holiday }.
day-carried-over = { $date } — демалыс күні: { $holiday } мерекесі демалыс күнге ({ $on }) сәйкес келді.
day-transferred-off = { $date } — қаулымен { $from } күнінен ауыстырылған демалыс күні.
day-transferred-working = { $date } — қаулы бойынша жұмыс күні (демалыс { $to } күніне ауыстырылған).
refused = Орындалмады: { $message }
registered = Тіркелді { $moment }: кезектегі нөмірі { $number }
may-offer = { $moment } балаға орын ұсынуға бола ма? { $allowed ->
    [yes] Иә.
   *[no] Жоқ.
}
vouchers = Бұл саясат бойынша орындар ваучер арқылы беріледі: жыл сайын { $day } бастап бөлінеді, расталады, содан кейін шарт жасалады (мерзімдері жоғарыда).
notice = Хабарлама жіберілді: балабақшаны { $deadline } таңдаңыз.
direction = Жолдама берілді { $moment }:
revocable = жолдамадан бас тартуға болады: { $deadline }
bring = баланы апару керек: { $deadline }
stop-list = әйтпесе стоп-тізімге: { $deadline }
history = Тарихы:
