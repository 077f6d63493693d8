"""Reading, cleaning and extraction: Chinese documents in, mentions and facts out."""
