"""CI files a company's handbook repository gets from make new, and the helper its GitLab pipeline runs."""
