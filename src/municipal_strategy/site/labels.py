"""The words of the site that a report does not print (navigation, downloads, the network
index), in ar, fr and en. Everything else comes from the report's catalogue
(`municipal_strategy.i18n`) through `Report.label`, in the commune's own wording where it
gives one."""

from __future__ import annotations

#: Each language's name in itself: what the language switcher shows.
LANGUAGE_NAMES = {"ar": "العربية", "fr": "Français", "en": "English"}

_LABELS: dict[str, dict[str, str]] = {
    "skip": {
        "ar": "الانتقال إلى المحتوى",
        "fr": "Aller au contenu",
        "en": "Skip to content",
    },
    "languages": {"ar": "اللغات", "fr": "Langues", "en": "Languages"},
    "read_in": {
        "ar": "تصفّح الموقع باللغة العربية",
        "fr": "Consulter le site en français",
        "en": "Read the site in English",
    },
    "breadcrumb": {"ar": "مسار التصفح", "fr": "Fil d'Ariane", "en": "Breadcrumb"},
    "network": {"ar": "الجماعات", "fr": "Les communes", "en": "The communes"},
    "n_communes": {
        "ar": "عدد الجماعات: {n}",
        "fr": "Nombre de communes\u00a0: {n}",
        "en": "Number of communes: {n}",
    },
    "comparison": {
        "ar": "مقارنة نسب التنفيذ",
        "fr": "Comparaison des taux de mise en œuvre",
        "en": "Implementation rates compared",
    },
    "comparison_note": {
        "ar": "لكل جماعة إستراتيجيتها وإجراءاتها؛ تُعرض كل نسبة لآخر سنة قيّمتها الجماعة.",
        "fr": "Chaque commune a sa stratégie et ses actions\u00a0; chaque taux est celui de la "
        "dernière année évaluée par la commune.",
        "en": "Each commune has its own strategy and actions; each rate is that of the last "
        "year the commune evaluated.",
    },
    "by_region": {"ar": "حسب الجهة", "fr": "Par région", "en": "By region"},
    "no_region": {
        "ar": "جهة غير محددة",
        "fr": "Région non précisée",
        "en": "Region not given",
    },
    "commune": {"ar": "الجماعة", "fr": "Commune", "en": "Commune"},
    "region": {"ar": "الجهة", "fr": "Région", "en": "Region"},
    "province": {"ar": "الإقليم", "fr": "Province", "en": "Province"},
    "year": {"ar": "السنة", "fr": "Année", "en": "Year"},
    "assessed": {
        "ar": "الإجراءات المقيَّمة",
        "fr": "Actions évaluées",
        "en": "Assessed actions",
    },
    "late": {"ar": "الإجراءات المتأخرة", "fr": "Actions en retard", "en": "Late actions"},
    "no_evaluation": {
        "ar": "لا تقييم بعد",
        "fr": "pas encore d'évaluation",
        "en": "no evaluation yet",
    },
    "trend": {
        "ar": "التطور عبر السنوات",
        "fr": "Évolution d'une année à l'autre",
        "en": "Trend across the years",
    },
    "downloads": {"ar": "التحميلات", "fr": "Téléchargements", "en": "Downloads"},
    "download_pdf": {
        "ar": "تقرير التقييم برسم سنة {year}",
        "fr": "Le rapport d'évaluation {year}",
        "en": "The {year} evaluation report",
    },
    "download_json": {
        "ar": "التقييم كاملا في صيغة بيانات",
        "fr": "L'évaluation complète, en données",
        "en": "The whole evaluation, as data",
    },
    "kilobytes": {"ar": "{n} كيلوبايت", "fr": "{n}\u00a0Ko", "en": "{n} KB"},
    "axes_actions": {
        "ar": "المحاور وإجراءاتها",
        "fr": "Les axes et leurs actions",
        "en": "The axes and their actions",
    },
    "previous_action": {
        "ar": "الإجراء السابق",
        "fr": "Action précédente",
        "en": "Previous action",
    },
    "next_action": {"ar": "الإجراء التالي", "fr": "Action suivante", "en": "Next action"},
    "pager": {
        "ar": "الإجراءات الأخرى",
        "fr": "Autres actions",
        "en": "Other actions",
    },
}


def site_label(key: str, lang: str, **values: object) -> str:
    """The site label `key` in `lang` (English when the language has none), formatted."""
    texts = _LABELS[key]
    return texts.get(lang, texts["en"]).format(**values)


def site_keys() -> frozenset[str]:
    """Every site label key."""
    return frozenset(_LABELS)
