from .areas import AreaIndexPage, AreaPage
from .forms import ConsultationFormField, ConsultationFormPage
from .info import InfoPage
from .listings import ExperiencePage, ListingIndexPage, OfficePage, StayPage
from .partners import ListYourBusinessPage, PartnerIndexPage, PartnerPage
from .plans import ModelPlanPage, PlanIndexPage
from .snippets import Amenity, ExperienceCategory, Language
from .stories import StoryIndexPage, StoryPage, StoryPageTag

__all__ = [
    "Amenity",
    "AreaIndexPage",
    "AreaPage",
    "ConsultationFormField",
    "ConsultationFormPage",
    "ExperienceCategory",
    "ExperiencePage",
    "InfoPage",
    "Language",
    "ListYourBusinessPage",
    "ListingIndexPage",
    "ModelPlanPage",
    "OfficePage",
    "PartnerIndexPage",
    "PartnerPage",
    "PlanIndexPage",
    "StayPage",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageTag",
]
