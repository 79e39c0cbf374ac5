"""`balise notify`: announcing incidents and updates on chat, email, push, social and webhooks,
once per channel, after the deploy. Imports model, source, engine and outputs; never MkDocs or click."""
