"""Documents the app shows (the data-protection notice), shipped as guard.docs."""
