"""The Bureau service: the formal response (annex II paras 13-15), the Assembly calendar
and the Bureau meetings."""
