"""Stripe's webhook endpoint: verify, store once, answer at once; a Celery task does the work."""

import logging

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from booking.services import webhooks

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """200 once the event is stored (processing follows after commit); 400 and nothing stored
    for a bad signature, a stale timestamp or a body that is not an event."""
    try:
        webhooks.receive(request.body, request.headers.get("Stripe-Signature"))
    except webhooks.InvalidWebhook as refused:
        logger.warning("webhook refused: %s", refused)
        return HttpResponse(status=400)
    return HttpResponse(status=200)
