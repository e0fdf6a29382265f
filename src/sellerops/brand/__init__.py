"""brand"""
