from .images import CustomImage, CustomRendition
from .outgoing import OutgoingEmail
from .pages import BasePage
from .site_settings import FooterLink, HeaderLink, NavigationSettings, SiteSettings

__all__ = [
    "BasePage",
    "CustomImage",
    "CustomRendition",
    "FooterLink",
    "HeaderLink",
    "NavigationSettings",
    "OutgoingEmail",
    "SiteSettings",
]
