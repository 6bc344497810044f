"""schema.org JSON-LD for the theme: NewsArticle, Event, BreadcrumbList,
Organization, PublicationIssue. Templates print these dicts with `|tojson`,
which escapes them for a <script> element."""

from functools import partial

from ..model.i18n import iso_date

CONTEXT = "https://schema.org"


def template_globals(settings, gettext):
    """The Jinja globals of one run, bound to its settings and catalog."""
    organization = _organization(settings, gettext)
    return {
        "organization": partial(_home_organization, organization, settings),
        "news_article": partial(_news_article, organization, settings),
        "breadcrumbs": partial(_breadcrumbs, settings["SITEURL"]),
        "publication_issue": partial(_publication_issue, organization, settings),
        "event_data": partial(_event, organization, settings),
    }


def _organization(settings, gettext):
    organization = {
        "@type": "Organization",
        "name": gettext(settings["ORGANIZATION_NAME"]),
        "alternateName": settings["ORGANIZATION_SHORT_NAME"],
        "url": settings["ORGANIZATION_URL"],
    }
    if settings.get("ORGANIZATION_LOGO"):
        organization["logo"] = f"{settings['SITEURL']}/{settings['ORGANIZATION_LOGO']}"
    return organization


def _home_organization(organization, settings):
    data = {"@context": CONTEXT, **organization}
    if settings.get("ORGANIZATION_SAME_AS"):
        data["sameAs"] = list(settings["ORGANIZATION_SAME_AS"])
    return data


def _absolute(settings, path):
    return f"{settings['SITEURL']}/{path}"


def _news_article(organization, settings, article, versions):
    url = _absolute(settings, article.url)
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": article.title_text,
        "datePublished": article.date.isoformat(),
        "dateModified": getattr(article, "modified", article.date).isoformat(),
        "inLanguage": article.lang,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "publisher": organization,
        "author": (
            [{"@type": "Person", "name": article.metadata["byline"]}]
            if article.metadata.get("byline")
            else [organization]
        ),
    }
    if article.metadata.get("summary"):
        data["description"] = article.summary_text
    if article.metadata.get("image"):
        data["image"] = [_absolute(settings, article.metadata["image"])]
    elif getattr(article, "social_card", None):  # the same image as og:image
        data["image"] = [_absolute(settings, article.social_card.url)]
    # The x-default version stands for the original; the others translate it.
    others = [version for version in versions if not version.current]
    if versions.x_default == url:
        if others:
            data["workTranslation"] = [_work(version) for version in others]
    elif versions.x_default:
        original = next(v for v in versions if v.url == versions.x_default)
        data["translationOfWork"] = _work(original)
    return data


EVENT_STATUS = {
    "scheduled": "EventScheduled",
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
    "rescheduled": "EventRescheduled",
    "moved-online": "EventMovedOnline",
}


def _event(organization, settings, article):
    """schema.org Event, with what Google's Event documentation asks for that
    the content has: dates with their offsets, status, attendance mode,
    place and/or online address, organizer, description, image."""
    event = article.event
    places = []
    if event.location:
        places.append({"@type": "Place", "name": event.location, "address": event.location})
    if event.online:
        places.append({"@type": "VirtualLocation", "url": event.online})
    online = event.online and (not event.location or event.status == "moved-online")
    mode = "Online" if online else ("Mixed" if event.online else "Offline")
    data = {
        "@context": CONTEXT,
        "@type": "Event",
        "name": article.title_text,
        "startDate": event.start.isoformat(),
        "eventStatus": f"{CONTEXT}/{EVENT_STATUS[event.status]}",
        "eventAttendanceMode": f"{CONTEXT}/{mode}EventAttendanceMode",
        "location": places[0] if len(places) == 1 else places,
        "organizer": organization,
        "url": _absolute(settings, article.url),
        "inLanguage": article.lang,
    }
    if event.end:
        data["endDate"] = event.end.isoformat()
    if article.metadata.get("summary"):
        data["description"] = article.summary_text
    if article.metadata.get("image"):
        data["image"] = [_absolute(settings, article.metadata["image"])]
    elif getattr(article, "social_card", None):
        data["image"] = [_absolute(settings, article.social_card.url)]
    if event.registration:
        data["offers"] = {"@type": "Offer", "url": event.registration}
    return data


def _work(version):
    return {"@type": "NewsArticle", "@id": version.url, "inLanguage": version.lang}


def _breadcrumbs(siteurl, trail):
    """`trail` is [(name, site-relative URL), …] from the home page down."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": f"{siteurl}/{url}"}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def _publication_issue(organization, settings, issue, magazine_name):
    data = {
        "@context": CONTEXT,
        "@type": "PublicationIssue",
        "issueNumber": str(issue.number),
        "datePublished": iso_date(issue.date, issue.date_precision),
        "inLanguage": issue.lang,
        "url": _absolute(settings, issue.url),
        "isPartOf": {"@type": "Periodical", "name": magazine_name, "publisher": organization},
    }
    if getattr(issue, "title_text", None):
        data["name"] = issue.title_text
    if issue.metadata.get("summary"):
        data["description"] = issue.summary_text
    if issue.metadata.get("cover"):
        data["image"] = _absolute(settings, issue.metadata["cover"])
    if issue.contributor_list:
        data["contributor"] = [
            {"@type": "Organization", "name": p.title_text, "url": _absolute(settings, p.url)}
            for p in issue.contributor_list
        ]
    return data
