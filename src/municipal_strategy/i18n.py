"""The labels a report prints around the configuration's own texts, in ar, fr and en."""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .values import Text

LANGS = ("ar", "fr", "en")

#: A label: one text, or its plural forms by CLDR category (zero, one, two, few, many,
#: other) for a label counting ``{n}`` things.
Template = str | dict[str, str]

_CATALOGUE: dict[str, dict[str, Template]] = {
    "colon": {"ar": ": ", "fr": "\u00a0: ", "en": ": "},
    "evaluation": {"ar": "تقييم سنة {year}", "fr": "Évaluation {year}", "en": "Evaluation {year}"},
    "presented": {
        "ar": "المقدَّم في: {session}",
        "fr": "Présentée à\u00a0: {session}",
        "en": "Presented at: {session}",
    },
    "rate": {"ar": "نسبة التنفيذ", "fr": "Taux de mise en œuvre", "en": "Implementation rate"},
    "rate_line": {
        "ar": "{rate} من {counted} ({assessed})",
        "fr": "{rate} sur {counted} ({assessed})",
        "en": "{rate} over {counted} ({assessed})",
    },
    "n_counted": {
        "ar": {
            "zero": "{n} إجراء محتسب",
            "one": "إجراء واحد محتسب",
            "two": "إجراءين محتسبين",
            "few": "{n} إجراءات محتسبة",
            "many": "{n} إجراءً محتسبًا",
            "other": "{n} إجراء محتسب",
        },
        "fr": {"one": "{n} action comptée", "other": "{n} actions comptées"},
        "en": {"one": "{n} counted action", "other": "{n} counted actions"},
    },
    "n_assessed": {
        "ar": {
            "zero": "لا إجراء مقيَّم",
            "one": "إجراء واحد مقيَّم",
            "two": "إجراءان مقيَّمان",
            "few": "{n} إجراءات مقيَّمة",
            "many": "{n} إجراءً مقيَّمًا",
            "other": "{n} إجراء مقيَّم",
        },
        "fr": {"one": "{n} évaluée", "other": "{n} évaluées"},
        "en": {"one": "{n} assessed", "other": "{n} assessed"},
    },
    "n_actions": {
        "ar": {
            "zero": "لا إجراء",
            "one": "إجراء واحد",
            "two": "إجراءان",
            "few": "{n} إجراءات",
            "many": "{n} إجراءً",
            "other": "{n} إجراء",
        },
        "fr": {"one": "{n} action", "other": "{n} actions"},
        "en": {"one": "{n} action", "other": "{n} actions"},
    },
    "no_rate": {
        "ar": "لا نسبة: لم يقيَّم أي إجراء محتسب",
        "fr": "aucun taux\u00a0: aucune action comptée n'est évaluée",
        "en": "no rate: no counted action was assessed",
    },
    "unassessed": {"ar": "غير مقيَّم", "fr": "Non évaluée", "en": "Unassessed"},
    "unassessed_list": {
        "ar": "إجراءات محتسبة غير مقيَّمة",
        "fr": "Actions comptées non évaluées",
        "en": "Counted actions not assessed",
    },
    "excluded": {
        "ar": "إجراءات مستثناة من النسبة",
        "fr": "Actions exclues du taux",
        "en": "Actions excluded from the rate",
    },
    "with_excluded": {
        "ar": "النسبة على كل الإجراءات المقيَّمة، بما فيها المستثناة: {rate}",
        "fr": "Taux sur toutes les actions évaluées, exclues comprises\u00a0: {rate}",
        "en": "Rate over every assessed action, excluded ones included: {rate}",
    },
    "excluded_unassessed": {
        "ar": "لم يقيَّم أي إجراء مستثنى هذه السنة، فالاستثناء لا يغيّر النسبة",
        "fr": "aucune action exclue n'a été évaluée cette année\u00a0: l'exclusion ne change pas le taux",
        "en": "no excluded action was assessed this year, so the exclusion does not change the rate",
    },
    "reason": {"ar": "السبب", "fr": "Motif", "en": "Reason"},
    "axes": {"ar": "حسب المحاور", "fr": "Par axe", "en": "Per axis"},
    "axis_all_excluded": {
        "ar": "كل إجراءاته مستثناة",
        "fr": "toutes ses actions sont exclues",
        "en": "all its actions are excluded",
    },
    "axis_none_assessed": {
        "ar": "لا إجراء مقيَّم",
        "fr": "aucune action évaluée",
        "en": "no action assessed",
    },
    "comma": {"ar": "، ", "fr": ", ", "en": ", "},
    "list_separator": {"ar": "؛ ", "fr": "\u00a0; ", "en": "; "},
    "responsible": {
        "ar": "المصلحة المسؤولة",
        "fr": "Service responsable",
        "en": "Responsible service",
    },
    "partners": {"ar": "الشركاء", "fr": "Partenaires", "en": "Partners"},
    "schedule": {"ar": "الجدولة المقررة", "fr": "Calendrier prévu", "en": "Planned schedule"},
    "committed": {"ar": "ملتزم به", "fr": "engagé", "en": "committed"},
    "spent": {"ar": "مصروف", "fr": "dépensé", "en": "spent"},
    "change_regressed": {"ar": "تراجع", "fr": "En recul", "en": "Regressed"},
    "change_no_longer_assessed": {
        "ar": "لم يعد مقيَّما",
        "fr": "Plus évaluées",
        "en": "No longer assessed",
    },
    "change_improved": {"ar": "تحسّن", "fr": "En progrès", "en": "Improved"},
    "change_newly_assessed": {
        "ar": "مقيَّم لأول مرة",
        "fr": "Évaluées pour la première fois",
        "en": "Newly assessed",
    },
    "change_unchanged": {"ar": "دون تغيير", "fr": "Inchangées", "en": "Unchanged"},
    "since_last_year": {
        "ar": "مقارنة بالسنة الماضية",
        "fr": "Depuis l'an dernier",
        "en": "Since last year",
    },
    "since_year": {"ar": "منذ سنة {year}", "fr": "Depuis {year}", "en": "Since {year}"},
    "first_evaluation": {
        "ar": "هذا أول تقييم: هو المرجع الذي تقارن به السنوات المقبلة.",
        "fr": "C'est la première évaluation\u00a0: elle sert de référence aux années suivantes.",
        "en": "This is the first evaluation: it is the baseline the following years are compared with.",
    },
    "rate_then_now": {
        "ar": "نسبة التنفيذ: {then} سنة {before}، و{now} سنة {year}",
        "fr": "Taux de mise en œuvre\u00a0: {then} en {before}, {now} en {year}",
        "en": "Implementation rate: {then} in {before}, {now} in {year}",
    },
    "status_changes": {
        "ar": "تغيّرات الحالة",
        "fr": "Changements de statut",
        "en": "Changes of status",
    },
    "status_then": {"ar": "الحالة سنة {year}", "fr": "Statut {year}", "en": "Status {year}"},
    "status_now": {"ar": "الحالة سنة {year}", "fr": "Statut {year}", "en": "Status {year}"},
    "change": {"ar": "التغيّر", "fr": "Évolution", "en": "Change"},
    "introduction": {"ar": "تقديم", "fr": "Introduction", "en": "Introduction"},
    "frame": {
        "ar": "الإطار القانوني والاستراتيجي",
        "fr": "Cadre juridique et stratégique",
        "en": "Legal and strategic frame",
    },
    "method": {"ar": "المنهجية", "fr": "Méthodologie", "en": "Method"},
    "method_scale": {
        "ar": "يُعطى لكل إجراء وضعٌ من السلّم التالي، ويُحتسب كل وضع في نسبة التنفيذ بوزنه.",
        "fr": "Chaque action reçoit un statut de l'échelle suivante\u00a0; chaque statut compte dans le taux pour son poids.",
        "en": "Each action is given a status on the following scale; each status counts in the rate for its weight.",
    },
    "method_progress": {
        "ar": "يُحتسب في النسبة تقدّمُ كل إجراء (حصة العمل المنجز)، ويُعرض وضعه دون أن يُحتسب.",
        "fr": "C'est l'avancement de chaque action (la part du travail faite) qui compte dans le taux\u00a0; son statut est montré, non compté.",
        "en": "Each action's progress (the share of the work done) is what counts in the rate; its status is shown, not counted.",
    },
    "method_not_scored": {"ar": "لا يُحتسب", "fr": "non compté", "en": "not counted"},
    "method_rollup": {
        "ar": "نسبة تنفيذ كل محور، ونسبة الإستراتيجية كلها، هي المتوسط المرجّح لنقاط الإجراءات المحتسبة التابعة له: مجموع نقطة كل إجراء مضروبة في وزنه، مقسوما على مجموع الأوزان؛ {weights}.",
        "fr": "Le taux d'un axe, et celui de toute la stratégie, est la moyenne pondérée des scores des actions comptées qui en relèvent\u00a0: la somme des scores multipliés par leurs poids, divisée par la somme des poids\u00a0; {weights}.",
        "en": "The rate of an axis, and of the whole strategy, is the weighted mean of the scores of the counted actions below it: the sum of each score times its weight, divided by the sum of the weights; {weights}.",
    },
    "method_equal_weights": {
        "ar": "لكل الإجراءات الوزن نفسه",
        "fr": "toutes les actions pèsent autant",
        "en": "every action weighs the same",
    },
    "method_plan_weights": {
        "ar": "الأوزان كما يحددها المخطط، مضروبة في أوزان المحاور والمجموعات",
        "fr": "les poids sont ceux du plan, multipliés par ceux des axes et groupes",
        "en": "the weights are the plan's, multiplied by those of the axes and groups",
    },
    "method_figure": {
        "ar": "في سنة {year}، بلغ مجموع نقاط {counted} {score} من أصل {total}، أي {rate}.",
        "fr": "En {year}, les scores des {counted} totalisent {score} sur {total}, soit {rate}.",
        "en": "In {year}, the scores of the {counted} add up to {score} out of {total}: {rate}.",
    },
    "method_exclusions": {
        "ar": "إجراءات لا تُحتسب في النسبة، ولماذا",
        "fr": "Actions laissées hors du taux, et pourquoi",
        "en": "Actions left out of the rate, and why",
    },
    "method_unassessed": {
        "ar": "الإجراء الذي لم يُعطَ وضعا هذه السنة غير مقيَّم: يُذكر في التقرير ولا يُحتسب في النسبة، ولا يُعدّ صفرا أبدا.",
        "fr": "Une action sans statut cette année est non évaluée\u00a0: elle figure au rapport mais reste hors du taux, sans jamais compter pour zéro.",
        "en": "An action without a status this year is unassessed: it is listed in the report and left out of the rate, never counted as zero.",
    },
    "method_evidence": {
        "ar": "يستند كل وضع إلى الإثباتات المذكورة معه، من: {documents}.",
        "fr": "Chaque statut s'appuie sur les sources citées avec lui, tirées de\u00a0: {documents}.",
        "en": "Each status rests on the evidence cited with it, from: {documents}.",
    },
    "description": {"ar": "الوصف", "fr": "Description", "en": "Description"},
    "conclusion": {"ar": "خاتمة", "fr": "Conclusion", "en": "Conclusion"},
    "recommendations": {"ar": "التوصيات", "fr": "Recommandations", "en": "Recommendations"},
    "signoff": {"ar": "المصادقة", "fr": "Visa et adoption", "en": "Sign-off"},
    "prepared_by": {"ar": "أعدّه", "fr": "Préparé par", "en": "Prepared by"},
    "approved_by": {"ar": "صادق عليه", "fr": "Approuvé par", "en": "Approved by"},
    "session": {"ar": "الدورة", "fr": "Session", "en": "Session"},
    "deliberation": {"ar": "رقم المقرر", "fr": "Délibération n°", "en": "Deliberation no."},
    "done_at": {
        "ar": "حُرّر ب{place} في {date}",
        "fr": "Fait à {place}, le {date}",
        "en": "Done at {place}, on {date}",
    },
    "logo": {"ar": "شعار — {commune}", "fr": "Logo — {commune}", "en": "Logo — {commune}"},
    "deadline": {"ar": "الأجل", "fr": "Échéance", "en": "Deadline"},
    "remarks": {"ar": "ملاحظات", "fr": "Observations", "en": "Remarks"},
    "node_empty": {"ar": "لا إجراء فيه", "fr": "aucune action", "en": "no actions"},
    "group": {"ar": "المجموعة", "fr": "Groupe", "en": "Group"},
    "late": {"ar": "متأخر", "fr": "en retard", "en": "late"},
    "late_actions": {
        "ar": "إجراءات تجاوزت موعد انتهائها المقرر",
        "fr": "Actions en retard sur leur échéance",
        "en": "Actions past their planned end",
    },
    "planned_end": {"ar": "الانتهاء المقرر", "fr": "échéance", "en": "planned end"},
    "budget": {"ar": "الميزانية", "fr": "Budget", "en": "Budget"},
    "budget_planned": {
        "ar": "{amount} {currency} مبرمجة لـ{actions}",
        "fr": "{amount} {currency} programmés sur {actions}",
        "en": "{amount} {currency} planned over {actions}",
    },
    "budget_committed": {
        "ar": "ملتزم بها {amount} ({rate} مما برمج لـ{actions})",
        "fr": "engagés {amount} ({rate} du prévu de {actions})",
        "en": "committed {amount} ({rate} of the planned budget of {actions})",
    },
    "budget_spent": {
        "ar": "مصروفة {amount} ({rate} مما برمج لـ{actions})",
        "fr": "dépensés {amount} ({rate} du prévu de {actions})",
        "en": "spent {amount} ({rate} of the planned budget of {actions})",
    },
    "status_counts": {
        "ar": "عدد الإجراءات المحتسبة حسب الحالة",
        "fr": "Actions comptées par statut",
        "en": "Counted actions per status",
    },
    # Report sections and the evaluation matrix
    "report_title": {
        "ar": "التقرير السنوي لتقييم {strategy} برسم سنة {year}",
        "fr": "Rapport d'évaluation {year}\u00a0: {strategy}",
        "en": "{year} evaluation report: {strategy}",
    },
    "counted": {"ar": "الإجراءات المحتسبة", "fr": "Actions comptées", "en": "Counted actions"},
    "summary": {"ar": "ملخص", "fr": "Synthèse", "en": "Summary"},
    "period": {"ar": "الفترة", "fr": "Période", "en": "Period"},
    "adopted": {"ar": "المصادقة", "fr": "Adoption", "en": "Adopted"},
    "axis": {"ar": "المحور", "fr": "Axe", "en": "Axis"},
    "action": {"ar": "الإجراء", "fr": "Action", "en": "Action"},
    "action_id": {"ar": "المعرّف", "fr": "Id", "en": "Id"},
    "code": {"ar": "الرقم", "fr": "N°", "en": "No."},
    "title": {"ar": "العنوان", "fr": "Intitulé", "en": "Title"},
    "status": {"ar": "الحالة", "fr": "Statut", "en": "Status"},
    "weight": {"ar": "الوزن", "fr": "Poids", "en": "Weight"},
    "progress": {"ar": "التقدم", "fr": "Avancement", "en": "Progress"},
    "excluded_col": {"ar": "مستثنى", "fr": "Exclue", "en": "Excluded"},
    "exclusion_reason": {
        "ar": "سبب الاستثناء",
        "fr": "Motif d'exclusion",
        "en": "Exclusion reason",
    },
    "indicators": {"ar": "المؤشرات", "fr": "Indicateurs", "en": "Indicators"},
    "indicator": {"ar": "المؤشر", "fr": "Indicateur", "en": "Indicator"},
    "baseline": {"ar": "القيمة المرجعية", "fr": "Valeur de référence", "en": "Baseline"},
    "target": {"ar": "الهدف", "fr": "Cible", "en": "Target"},
    "measured": {"ar": "القيمة المحققة", "fr": "Valeur mesurée", "en": "Measured"},
    "achievement": {"ar": "نسبة التحقق", "fr": "Réalisation", "en": "Achievement"},
    "achievements": {"ar": "الإنجازات", "fr": "Réalisations", "en": "Achievements"},
    "constraints": {"ar": "الإكراهات", "fr": "Contraintes", "en": "Constraints"},
    "next_steps": {"ar": "الخطوات المقبلة", "fr": "Prochaines étapes", "en": "Next steps"},
    "justification": {"ar": "مبرر التقييم", "fr": "Justification", "en": "Justification"},
    "activities": {"ar": "الأنشطة", "fr": "Activités", "en": "Activities"},
    "date": {"ar": "التاريخ", "fr": "Date", "en": "Date"},
    "organiser": {"ar": "الجهة المنظمة", "fr": "Organisateur", "en": "Organiser"},
    "audience": {"ar": "الفئة المستهدفة", "fr": "Public", "en": "Audience"},
    "evidence": {"ar": "الإثباتات", "fr": "Sources", "en": "Evidence"},
    "notes": {"ar": "ملاحظات", "fr": "Notes", "en": "Notes"},
    "yes": {"ar": "نعم", "fr": "oui", "en": "yes"},
    "no": {"ar": "لا", "fr": "non", "en": "no"},
    "matrix": {
        "ar": "مصفوفة التقييم والتتبع",
        "fr": "Matrice d'évaluation et de suivi",
        "en": "Evaluation and monitoring matrix",
    },
    "rate_per_axis": {
        "ar": "نسبة التنفيذ حسب المحاور",
        "fr": "Taux de mise en œuvre par axe",
        "en": "Implementation rate per axis",
    },
    "status_breakdown": {
        "ar": "توزيع الإجراءات المحتسبة حسب الحالة",
        "fr": "Répartition des actions comptées par statut",
        "en": "Counted actions per status",
    },
    "excluded_short": {"ar": "مستثنى", "fr": "exclu", "en": "excluded"},
    "generated": {
        "ar": "أُعدّ بواسطة municipal-strategy",
        "fr": "Produit avec municipal-strategy",
        "en": "Made with municipal-strategy",
    },
    # The PDF report
    "evaluation_report": {
        "ar": "التقرير السنوي للتقييم",
        "fr": "Rapport annuel d'évaluation",
        "en": "Annual evaluation report",
    },
    "year_label": {"ar": "برسم سنة {year}", "fr": "Année {year}", "en": "Year {year}"},
    "page": {
        "ar": "الصفحة {n} من {total}",
        "fr": "Page {n} sur {total}",
        "en": "Page {n} of {total}",
    },
    "annex": {"ar": "ملحق", "fr": "Annexe", "en": "Annex"},
    "contents": {"ar": "المحتويات", "fr": "Sommaire", "en": "Contents"},
}


def catalogue_keys() -> frozenset[str]:
    """Every label key: what a configuration's ``[labels]`` table may replace."""
    return frozenset(_CATALOGUE)


@cache
def placeholders(key: str) -> frozenset[str]:
    """The ``{names}`` the label `key` is formatted with."""
    formatter = string.Formatter()
    texts = [
        text
        for template in _CATALOGUE[key].values()
        for text in (template.values() if isinstance(template, dict) else [template])
    ]
    return frozenset(name for text in texts for _, name, _, _ in formatter.parse(text) if name)


def is_plural(key: str) -> bool:
    """Whether the label counts ``{n}`` things, with a form per plural category."""
    return any(isinstance(template, dict) for template in _CATALOGUE[key].values())


def label(
    key: str,
    lang: str | None,
    overrides: Mapping[str, Text] | None = None,
    country: str | None = None,
    **values: object,
) -> str:
    """The label `key` in `lang`, formatted: the configuration's own wording (`overrides`,
    its ``[labels]``) where it has one in that language, else the catalogue's (English when
    the catalogue lacks the language). A plural label takes the form CLDR chooses for `n`
    in `lang` (read in `country`)."""
    lang = lang or "en"
    own = overrides.get(key) if overrides else None
    template: Template
    if own is not None and lang in own.values:
        template = own.values[lang]
    elif own is not None and not own.languages:
        template = own.get()
    else:
        texts = _CATALOGUE[key]
        template = texts.get(lang, texts["en"])
    if isinstance(template, dict):
        from .locale import babel_locale, plural

        count = values.get("n")
        assert isinstance(count, int), f"the plural label {key!r} needs n"
        return plural(template, babel_locale(lang, country), count)
    return template.format(**values)
