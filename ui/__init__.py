"""Streamlit-only helpers shared by the pages: the frame, state defaults, cached resources."""
