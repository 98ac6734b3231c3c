-- name: GetUserSettings :one
SELECT * FROM user_settings WHERE user_id = @user_id;

-- name: SetTheme :exec
INSERT INTO user_settings (user_id, theme)
VALUES (@user_id, @theme)
ON CONFLICT (user_id) DO UPDATE SET theme = excluded.theme, updated_at = now();
