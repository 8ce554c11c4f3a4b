"""The directory as Open Referral HSDS 3.0 data: records (``records``), the tabular form
(``tabular``) and the schemas they follow (``schemas``, files in ``schema/``, CC BY-SA 4.0)."""
