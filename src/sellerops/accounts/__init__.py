"""accounts: users, roles, store grants, API tokens and web sessions"""
