from .images import CustomImage, CustomRendition
from .mixins import BasePage
from .pages import HomePage
from .site_settings import FooterLink, HeaderLink, NavigationSettings, SiteSettings

__all__ = [
    "BasePage",
    "CustomImage",
    "CustomRendition",
    "FooterLink",
    "HeaderLink",
    "HomePage",
    "NavigationSettings",
    "SiteSettings",
]
