"""Pages of the accounts app: `people` (人员), `users` (用户与角色, for the system administrator),
`security` (登录锁定, for the security administrator) and the user's own `profile`."""
