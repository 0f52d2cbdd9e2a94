"""好差评 widgets shared by the kiosk's rating screen and the desk: the 差评 reasons panel, the
"already rated" and follow-up promise wordings (contract/ratings.py, core/flows/rating.py)."""
