"""A named setting declared with a default value in XML (Core Data's ``<attribute name="gptModel"
defaultValueString="…"/>`` in an Xcode ``*.xcdatamodel/contents`` file, XML Schema's ``<xs:attribute name="model"
default="…"/>``) is a ``name: default`` pair, as ``<property name="model" value="…"/>`` is. Fixtures written for these
tests."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.xml_files import is_xml_config
from tests.discover.scan_helpers import found

_CORE_DATA = '''\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<model type="com.apple.IDECoreDataModeler.DataModel" documentVersion="1.0" systemVersion="22G120" minimumToolsVersion="Automatic" sourceLanguage="Swift" userDefinedModelVersionIdentifier="">
    <entity name="ChatEntity" representedClassName="ChatEntity" syncable="YES">
        <attribute name="createdDate" optional="YES" attributeType="Date" usesScalarValueType="NO"/>
        <attribute name="chatModel" optional="YES" attributeType="String" defaultValueString="gpt-4o-mini"/>
        <attribute name="isPinned" optional="YES" attributeType="Boolean" defaultValueString="NO" usesScalarValueType="YES"/>
        <attribute name="title" optional="YES" attributeType="String" defaultValueString="New chat"/>
    </entity>
</model>
'''

_XSD = '''\
<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:complexType name="assistant">
    <xs:attribute name="model" type="xs:string" default="zorblat-chat-7b"/>
    <xs:attribute name="mode" type="xs:string" default="v2-fast"/>
  </xs:complexType>
</xs:schema>
'''


def test_core_data_attribute_default(tmp_path: Path) -> None:
    got = found(tmp_path, "App/Store/Chat.xcdatamodeld/Chat 2.xcdatamodel/contents", _CORE_DATA)
    assert got == {(5, "gpt-4o-mini")}


def test_schema_attribute_default(tmp_path: Path) -> None:
    got = found(tmp_path, "schema/assistant.xml", _XSD)
    assert (4, "zorblat-chat-7b") in got and (5, "v2-fast") not in got


def test_core_data_contents_is_xml() -> None:
    assert is_xml_config("App/Store/Chat.xcdatamodeld/Chat.xcdatamodel/contents")
    assert not is_xml_config("docs/contents") and not is_xml_config("App/Chat.xcdatamodeld/.xccurrentversion")
