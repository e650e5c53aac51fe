from django.urls import path

from anjian.accounts.views import people, profile, security, users

app_name = "accounts"
urlpatterns = [
    path("profile/", profile.profile, name="profile"),
    path("people/", people.person_list, name="person_list"),
    path("people/new/", people.person_create, name="person_create"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:pk>/deactivate/", people.person_deactivate, name="person_deactivate"),
    path("users/", users.user_list, name="user_list"),
    path("users/new/", users.user_create, name="user_create"),
    path("users/<int:pk>/", users.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", users.user_edit, name="user_edit"),
    path("users/<int:pk>/password/", users.user_password, name="user_password"),
    path("users/<int:pk>/deactivate/", users.user_set_active, {"active": False},
         name="user_deactivate"),
    path("users/<int:pk>/activate/", users.user_set_active, {"active": True}, name="user_activate"),
    path("users/<int:pk>/grants/", users.grant_create, name="grant_create"),
    path("users/<int:pk>/grants/<int:grant_pk>/revoke/", users.grant_revoke, name="grant_revoke"),
    path("users/<int:pk>/units/", users.unit_access_create, name="unit_access_create"),
    path("users/<int:pk>/units/<int:access_pk>/revoke/", users.unit_access_revoke,
         name="unit_access_revoke"),
    path("lockouts/", security.lockout_list, name="lockouts"),
    path("lockouts/<int:pk>/reset/", security.lockout_reset, name="lockout_reset"),
]
