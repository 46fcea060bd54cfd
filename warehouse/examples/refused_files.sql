-- Which files were refused, and why? Kinds of reason per stage, most files first.
select stage, reason, files, refusals, last_detected_at
from quarantine_by_reason
order by files desc, stage, reason;
