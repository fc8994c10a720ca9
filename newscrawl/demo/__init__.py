"""The bundled demo news site (fictional), for offline demos and the test suite."""
