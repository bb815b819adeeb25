"""The yardstick of the benchmark: the smallest Streamlit app, a title and one slider."""

import streamlit as st

st.title("Minimal app")
st.slider("A number", min_value=0, max_value=100, value=50, key="number")
