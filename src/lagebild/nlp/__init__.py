"""Language helpers shared by the stages."""
