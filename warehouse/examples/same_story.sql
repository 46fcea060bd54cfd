-- Which captures are the same story? Duplicate clusters, largest first, with every capture's file.
select cluster_id, copies, title, outlets, source_paths, round(least_similarity, 2) as least_similarity
from duplicate_clusters
order by copies desc, cluster_id;
