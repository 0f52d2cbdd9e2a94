"""What the identity step says when something did not work: a headline and what to do instead,
in the citizen's language, for every ``Why`` (kiosk_app.core.flows.identity)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from devices.idcard.card import CardType
from kiosk_app.core.citizen import Renewal
from kiosk_app.core.flows.identity import IdentityFailure, Method, Why


def card_kind(kind: CardType | None) -> str:
    return {
        CardType.RESIDENT_ID: QCoreApplication.translate("Identity", "resident ID card"),
        CardType.HMT_RESIDENCE_PERMIT: QCoreApplication.translate(
            "Identity", "Hong Kong, Macao and Taiwan residence permit"
        ),
        CardType.FOREIGN_PERMANENT_RESIDENT: QCoreApplication.translate(
            "Identity", "foreign permanent resident ID card"
        ),
        CardType.FOREIGN_PERMANENT_RESIDENT_2023: QCoreApplication.translate(
            "Identity", "foreign permanent resident ID card"
        ),
    }.get(
        kind or CardType.UNKNOWN,
        QCoreApplication.translate("Identity", "card of a kind this terminal does not know"),
    )


def renew_where(renewal: Renewal | None) -> str:
    """Where an expired card is renewed (公安部: from three months before its end)."""
    if renewal is Renewal.HMT_PERMIT:
        return QCoreApplication.translate(
            "Identity", "Renew the permit at the county public security bureau's entry-exit window."
        )
    if renewal is Renewal.FOREIGN_PERMANENT_RESIDENT:
        return QCoreApplication.translate(
            "Identity", "Renew the card at the exit-entry administration."
        )
    return QCoreApplication.translate(
        "Identity",
        "Renew it at the household registration window of your police station (居民身份证换领); "
        "the service guide on this terminal lists what to bring.",
    )


def method_name(m: Method) -> str:
    return {
        Method.CARD: QCoreApplication.translate("Identity", "Use my ID card"),
        Method.EID: QCoreApplication.translate("Identity", "Show my e-ID QR code"),
        Method.SMS: QCoreApplication.translate("Identity", "Type my ID number"),
    }[m]


def failure_words(f: IdentityFailure) -> tuple[str, str]:
    """(what happened, what to do now) for one failure."""
    w = f.why
    others = _others(f)
    if w is Why.CARD_MOVED:
        return QCoreApplication.translate(
            "Identity", "The card was moved before it was read."
        ), QCoreApplication.translate(
            "Identity",
            "Please lay it on the reader again and keep it still until your details show.",
        )
    if w is Why.CARD_UNREADABLE:
        return QCoreApplication.translate("Identity", "The card could not be read."), _join(
            QCoreApplication.translate("Identity", "Lay it flat on the reader once more."), others
        )
    if w is Why.NOT_ID_CARD:
        return QCoreApplication.translate(
            "Identity", "This is not an ID card."
        ), QCoreApplication.translate(
            "Identity",
            "Please take bank and bus cards away and lay only your ID card on the reader.",
        )
    if w is Why.CARD_KIND_REFUSED:
        return QCoreApplication.translate("Identity", "This terminal cannot take a %1.").replace(
            "%1", card_kind(f.card_type)
        ), _join(
            others,
            QCoreApplication.translate(
                "Identity", "Or go to the service desk; the staff there will help you."
            ),
        )
    if w is Why.CARD_EXPIRED:
        day = f.valid_to.isoformat() if f.valid_to else ""
        return QCoreApplication.translate(
            "Identity", "Your card expired on %1 and cannot be used."
        ).replace("%1", day), _join(renew_where(f.renewal), others)
    if w is Why.CARD_NOT_YET_VALID:
        day = f.valid_from.isoformat() if f.valid_from else ""
        return QCoreApplication.translate("Identity", "This card is valid only from %1.").replace(
            "%1", day
        ), _join(
            QCoreApplication.translate("Identity", "Please use your old card until then."), others
        )
    if w is Why.CARD_INCONSISTENT:
        return QCoreApplication.translate(
            "Identity", "The details on this card do not agree with each other."
        ), QCoreApplication.translate(
            "Identity",
            "Please go to the service desk with the card; the staff there will check it.",
        )
    if w is Why.READER_OFFLINE:
        return QCoreApplication.translate(
            "Identity", "The ID card reader is not working right now."
        ), _join(
            others
            or QCoreApplication.translate(
                "Identity", "Please go to the service desk; the staff there will help you."
            )
        )
    if w is Why.NOT_AN_EID:
        return QCoreApplication.translate(
            "Identity", "This is not an e-ID code."
        ), QCoreApplication.translate(
            "Identity", "Open the e-ID (国家网络身份认证) app on your phone and show its QR code."
        )
    if w is Why.EID_UNKNOWN:
        return QCoreApplication.translate("Identity", "This e-ID code was not recognised."), _join(
            QCoreApplication.translate(
                "Identity", "Please refresh the code in the app and show it again."
            ),
            others,
        )
    if w is Why.EID_EXPIRED:
        return QCoreApplication.translate(
            "Identity", "This e-ID code is too old."
        ), QCoreApplication.translate(
            "Identity",
            "The code on the phone changes every minute: refresh it in the app and show it again.",
        )
    if w is Why.BAD_ID_NUMBER:
        return QCoreApplication.translate(
            "Identity", "This is not a valid ID number."
        ), QCoreApplication.translate(
            "Identity", "Please check the 18 characters (the last may be X) and type them again."
        )
    if w is Why.NO_PHONE:
        return QCoreApplication.translate(
            "Identity", "No mobile number is on record for this ID number."
        ), _join(others)
    if w is Why.BAD_CODE:
        return QCoreApplication.translate(
            "Identity", "The code has 6 digits."
        ), QCoreApplication.translate("Identity", "Please type the 6 digits from the text message.")
    if w is Why.WRONG_CODE:
        return QCoreApplication.translate(
            "Identity", "The code is not right."
        ), QCoreApplication.translate(
            "Identity", "Please type the 6 digits from the latest text message again."
        )
    if w is Why.CODE_EXPIRED:
        return QCoreApplication.translate(
            "Identity", "The code has expired."
        ), QCoreApplication.translate("Identity", "Please ask for a new text message.")
    if w is Why.OFFLINE:
        return QCoreApplication.translate(
            "Identity", "The terminal cannot reach the service centre's system right now."
        ), _join(
            QCoreApplication.translate("Identity", "You can still use your ID card on the reader.")
            if Method.CARD in f.alternatives
            else QCoreApplication.translate(
                "Identity", "Please try again in a moment, or go to the service desk."
            )
        )
    if w is Why.LIMITED:
        minutes = str(f.wait_minutes or 1)
        return QCoreApplication.translate("Identity", "Too many tries."), _join(
            QCoreApplication.translate(
                "Identity", "Please wait %1 minutes, or go to the service desk."
            ).replace("%1", minutes),
            others,
        )
    if w is Why.NOT_VERIFIED:
        return QCoreApplication.translate(
            "Identity", "You could not be confirmed."
        ), QCoreApplication.translate(
            "Identity", "Please go to the service desk; the staff there will help you."
        )
    if w is Why.NOT_ALLOWED:
        return QCoreApplication.translate(
            "Identity", "This way cannot be used for this service."
        ), _join(others)
    return QCoreApplication.translate(
        "Identity", "This terminal cannot do this right now."
    ), QCoreApplication.translate(
        "Identity", "Please go to the service desk; the staff there will help you."
    )


def _others(f: IdentityFailure) -> str:
    ways = [m for m in f.alternatives if m is not Method.CARD]
    if not ways:
        return ""
    if ways == [Method.EID]:
        return QCoreApplication.translate(
            "Identity", "You can also show the e-ID QR code on your phone."
        )
    if ways == [Method.SMS]:
        return QCoreApplication.translate(
            "Identity", "You can also type your ID number and get a code by text message."
        )
    return QCoreApplication.translate(
        "Identity",
        "You can also show the e-ID QR code on your phone, or type your ID number and get a "
        "code by text message.",
    )


def _join(*parts: str) -> str:
    from kiosk_app.ui.i18n import current_language

    sep = "" if current_language() == "zh_CN" else " "
    return sep.join(p.strip() for p in parts if p and p.strip())
