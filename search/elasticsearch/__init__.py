"""The Elasticsearch engine: for an archive that outgrows one machine (``SEARCH_URL=http://es:9200/replies``).

The same query model as the Whoosh default (``search.executor``), run on an Elasticsearch 8 cluster:

* ``mapping``: the index's settings and fields, kept here (IK or smartcn Chinese analysis);
* ``requests``: the request bodies, pure functions of a ``SearchRequest`` (golden-tested);
* ``client``: the official client, timeouts from the search's deadline, every failure ``SearchUnavailable``;
* ``executor``: ``ElasticsearchExecutor``, which sends those bodies and reads the answers;
* ``backend``: the haystack engine the indexer writes through (the same queue as Whoosh);
* ``rebuild``: a complete new index, then one atomic switch of the alias.

What the cluster needs (Elasticsearch 8.x; every node):

1. The IK plugin of the cluster's exact version::

       bin/elasticsearch-plugin install https://get.infini.cloud/elasticsearch/analysis-ik/<version>

   or, as the fallback, the bundled smartcn plugin (``bin/elasticsearch-plugin install analysis-smartcn``)
   with ``SEARCH_ANALYZER=smartcn`` in the site's environment. Restart the node afterwards.
2. The project's dictionary as an IK extension dictionary: ``manage.py write_ik_dictionary
   <es config>/analysis-ik/archive.dic`` on each node (or copy the file there), named in
   ``<es config>/analysis-ik/IKAnalyzer.cfg.xml`` as ``<entry key="ext_dict">archive.dic</entry>``,
   then a restart. Rebuild the index after the dictionary changes: documents keep the words they were cut into.
3. ``manage.py rebuild_search_index`` once: it creates ``<alias>-<timestamp>``, fills it, and points the alias
   (``replies``, the path of ``SEARCH_URL``) at it. Every later rebuild does the same and deletes the old index.
   Searches read and the indexer writes through the alias; a site whose cluster is down still serves every
   page that needs no search.

OpenSearch 2 would take the same bodies, but this client refuses a server that does not say it is
Elasticsearch: serving OpenSearch needs ``opensearch-py`` in ``client``.
"""
