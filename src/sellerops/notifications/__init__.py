"""Where a store's daily review is sent: notification targets (email, chat webhooks)."""
