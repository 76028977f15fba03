"""Our ontology terms (ontology/lp.ttl) as a closed rdflib namespace.

``LP.Partnership`` is the IRI ``https://w3id.org/leading-places/def/Partnership``. The class is
closed (``_fail = True``): a misspelt term raises ``AttributeError`` instead of minting a new IRI.
tests/test_ontology.py checks that this list and the ontology declare the same terms.
"""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

NAMESPACE = "https://w3id.org/leading-places/def/"


class LP(DefinedNamespace):
    """Classes and properties of the Leading Places ontology."""

    _NS = Namespace(NAMESPACE)
    _fail = True

    # Classes
    Programme: URIRef
    Phase: URIRef
    Partnership: URIRef
    GovernmentBody: URIRef
    LocalAuthority: URIRef
    CombinedAuthority: URIRef
    HigherEducationProvider: URIRef
    FurtherEducationProvider: URIRef
    MembershipBody: URIRef
    ProgrammeProvider: URIRef
    LocalEnterprisePartnership: URIRef
    OtherOrganisation: URIRef
    DataGraph: URIRef

    # Properties: programme and phases
    ownedBy: URIRef
    developedBy: URIRef
    supportedBy: URIRef
    partner: URIRef
    buildsOnResearchBy: URIRef
    phase: URIRef
    phaseNumber: URIRef
    statedPartnershipCount: URIRef
    plannedEndDate: URIRef
    provider: URIRef
    evaluatedBy: URIRef
    inPhase: URIRef

    # Properties: partnerships
    challengeTheme: URIRef
    leadMember: URIRef
    membersUnknown: URIRef

    # Properties: organisations, succession, sources
    transferredFunction: URIRef
    noSuccessor: URIRef
    archivedAt: URIRef
