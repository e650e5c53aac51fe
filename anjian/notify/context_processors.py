from anjian.notify.selectors import unread_count


def inbox(request):
    """The unread count beside the user's name on every page (one indexed count)."""
    user = getattr(request, "user", None)
    return {"unread_notifications": unread_count(user) if user is not None else 0}
