// The binary's JSON lines as typed objects (KoXoLog.Types.cs), fast.
//
// Compiled with KoXoLog.Types.cs by KoXoLog.psm1 when the module is imported
// (C# 5: Windows PowerShell 5.1 compiles it with the .NET Framework's
// compiler). ConvertFrom-Json costs about 75 us an object, and typing its
// times in script about as much again, more than Import-Csv of the same
// records; here a line costs a few microseconds. Times become DateTimeOffset
// with the writer's offset on every edition (ConvertFrom-Json of PowerShell
// 7.0 to 7.4 makes them local [datetime]s).
//
// The grammar read is the JSON the binary prints (src/json/): one object a
// line, whose values are strings, numbers, true, false and null (arrays and
// nested objects are read too, for the properties that would hold them).
using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace KoXoLog
{
    /// <summary>Turns stdout text, as it comes, into objects of one type, one a line.</summary>
    public sealed class RecordReader
    {
        private readonly Type type;
        private readonly Dictionary<string, PropertyInfo> properties = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        private readonly StringBuilder carry = new StringBuilder();
        private readonly List<string> badLines = new List<string>();
        private readonly HashSet<string> unknownKeys = new HashSet<string>(StringComparer.Ordinal);
        private readonly List<string> newUnknownKeys = new List<string>();

        /// <param name="typeName">The objects' type: KoXoLog.Record, KoXoLog.Session...</param>
        public RecordReader(string typeName)
        {
            type = typeof(RecordReader).Assembly.GetType(typeName, false);
            if (type == null || type.IsAbstract || type == typeof(RecordReader))
            {
                throw new ArgumentException("KoXoLog has no object type " + typeName, "typeName");
            }
            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                properties[property.Name] = property;
            }
        }

        /// <summary>The lines read so far that were not objects of the type; taken, so each is told once.</summary>
        public string[] TakeBadLines()
        {
            string[] lines = badLines.ToArray();
            badLines.Clear();
            return lines;
        }

        /// <summary>Keys the type has no property for, each told once: a binary newer than the module.</summary>
        public string[] TakeUnknownKeys()
        {
            string[] keys = newUnknownKeys.ToArray();
            newUnknownKeys.Clear();
            return keys;
        }

        /// <summary>The objects of the lines that <paramref name="count"/> more characters complete.</summary>
        public List<object> Feed(char[] buffer, int count)
        {
            List<object> objects = new List<object>();
            int start = 0;
            for (int i = 0; i < count; i++)
            {
                if (buffer[i] != '\n')
                {
                    continue;
                }
                if (carry.Length > 0)
                {
                    carry.Append(buffer, start, i - start);
                    Add(carry.ToString(), objects);
                    carry.Length = 0;
                }
                else
                {
                    Add(new string(buffer, start, i - start), objects);
                }
                start = i + 1;
            }
            carry.Append(buffer, start, count - start);
            return objects;
        }

        /// <summary>The object of a last line without a line ending, at the end of the stream.</summary>
        public List<object> Finish()
        {
            List<object> objects = new List<object>();
            if (carry.Length > 0)
            {
                Add(carry.ToString(), objects);
                carry.Length = 0;
            }
            return objects;
        }

        /// <summary>One line as an object, or null (and a bad line) when it is not one.</summary>
        public object ConvertLine(string line)
        {
            List<object> objects = new List<object>();
            Add(line, objects);
            return objects.Count == 1 ? objects[0] : null;
        }

        private void Add(string line, List<object> objects)
        {
            string text = line.Trim();
            if (text.Length == 0)
            {
                return;
            }
            try
            {
                objects.Add(new Parser(text, this).ReadRecord());
            }
            catch (FormatException)
            {
                badLines.Add(text);
            }
            catch (OverflowException)
            {
                badLines.Add(text);
            }
        }

        /// <summary>Sets a property of the record from a JSON value, converted to the property's type.</summary>
        private void Set(object record, string key, object value)
        {
            PropertyInfo property;
            if (!properties.TryGetValue(key, out property))
            {
                if (unknownKeys.Add(key))
                {
                    newUnknownKeys.Add(key);
                }
                return;
            }
            if (value == null)
            {
                return;
            }
            Type target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object converted;
            string text = value as string;
            if (target == typeof(string))
            {
                converted = text ?? Convert.ToString(value, CultureInfo.InvariantCulture);
            }
            else if (target == typeof(DateTimeOffset) && text != null)
            {
                converted = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);
            }
            else if (target == typeof(TimeSpan) && text != null)
            {
                converted = TimeSpan.Parse(text, CultureInfo.InvariantCulture);
            }
            else if ((target == typeof(long) || target == typeof(double)) && (value is long || value is double))
            {
                converted = Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
            }
            else if (target == typeof(bool) && value is bool)
            {
                converted = value;
            }
            else if (target == typeof(string[]) && value is object[])
            {
                object[] items = (object[])value;
                string[] texts = new string[items.Length];
                for (int i = 0; i < items.Length; i++)
                {
                    texts[i] = Convert.ToString(items[i], CultureInfo.InvariantCulture);
                }
                converted = texts;
            }
            else
            {
                throw new FormatException(key + " is not a " + target.Name);
            }
            property.SetValue(record, converted, null);
        }

        /// <summary>A reader of one JSON document; FormatException on anything else.</summary>
        private sealed class Parser
        {
            private readonly string text;
            private readonly RecordReader reader;
            private int at;

            public Parser(string text, RecordReader reader)
            {
                this.text = text;
                this.reader = reader;
            }

            /// <summary>The line's object, as the reader's type.</summary>
            public object ReadRecord()
            {
                object record = Activator.CreateInstance(reader.type);
                Expect('{');
                SkipSpace();
                if (Peek() == '}')
                {
                    at++;
                }
                else
                {
                    do
                    {
                        string key = ReadKey();
                        reader.Set(record, key, ReadValue());
                    }
                    while (NextMember());
                }
                SkipSpace();
                if (at != text.Length)
                {
                    throw Fail("text after the object");
                }
                return record;
            }

            private FormatException Fail(string why)
            {
                return new FormatException(why + " at character " + at);
            }

            private char Peek()
            {
                return at < text.Length ? text[at] : '\0';
            }

            private void SkipSpace()
            {
                while (at < text.Length && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n'))
                {
                    at++;
                }
            }

            private void Expect(char c)
            {
                SkipSpace();
                if (Peek() != c)
                {
                    throw Fail("expected '" + c + "'");
                }
                at++;
            }

            private string ReadKey()
            {
                SkipSpace();
                if (Peek() != '"')
                {
                    throw Fail("expected a key");
                }
                string key = ReadString();
                Expect(':');
                return key;
            }

            /// <summary>After a member: true at ',' (another follows), false at '}' (the object ends).</summary>
            private bool NextMember()
            {
                SkipSpace();
                if (Peek() == ',')
                {
                    at++;
                    return true;
                }
                Expect('}');
                return false;
            }

            private object ReadValue()
            {
                SkipSpace();
                char c = Peek();
                if (c == '"')
                {
                    return ReadString();
                }
                if (c == '{')
                {
                    return ReadObject();
                }
                if (c == '[')
                {
                    return ReadArray();
                }
                if (Word("null"))
                {
                    return null;
                }
                if (Word("true"))
                {
                    return true;
                }
                if (Word("false"))
                {
                    return false;
                }
                return ReadNumber();
            }

            private bool Word(string word)
            {
                if (string.CompareOrdinal(text, at, word, 0, word.Length) == 0)
                {
                    at += word.Length;
                    return true;
                }
                return false;
            }

            private Hashtable ReadObject()
            {
                Hashtable result = new Hashtable(StringComparer.OrdinalIgnoreCase);
                Expect('{');
                SkipSpace();
                if (Peek() == '}')
                {
                    at++;
                    return result;
                }
                do
                {
                    string key = ReadKey();
                    result[key] = ReadValue();
                }
                while (NextMember());
                return result;
            }

            private object[] ReadArray()
            {
                List<object> items = new List<object>();
                Expect('[');
                SkipSpace();
                if (Peek() == ']')
                {
                    at++;
                    return items.ToArray();
                }
                while (true)
                {
                    items.Add(ReadValue());
                    SkipSpace();
                    if (Peek() == ',')
                    {
                        at++;
                        continue;
                    }
                    Expect(']');
                    return items.ToArray();
                }
            }

            private string ReadString()
            {
                at++;
                StringBuilder value = null;
                int start = at;
                while (at < text.Length)
                {
                    char c = text[at];
                    if (c == '"')
                    {
                        string tail = text.Substring(start, at - start);
                        at++;
                        return value == null ? tail : value.Append(tail).ToString();
                    }
                    if (c == '\\')
                    {
                        if (value == null)
                        {
                            value = new StringBuilder();
                        }
                        value.Append(text, start, at - start);
                        value.Append(ReadEscape());
                        start = at;
                        continue;
                    }
                    if (c < ' ')
                    {
                        throw Fail("a control character in a string");
                    }
                    at++;
                }
                throw Fail("an unterminated string");
            }

            private char ReadEscape()
            {
                at++;
                char c = Peek();
                at++;
                switch (c)
                {
                    case '"':
                        return '"';
                    case '\\':
                        return '\\';
                    case '/':
                        return '/';
                    case 'b':
                        return '\b';
                    case 'f':
                        return '\f';
                    case 'n':
                        return '\n';
                    case 'r':
                        return '\r';
                    case 't':
                        return '\t';
                    case 'u':
                        int code;
                        if (at + 4 > text.Length || !int.TryParse(text.Substring(at, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code))
                        {
                            throw Fail("a bad \\u escape");
                        }
                        at += 4;
                        return (char)code;
                    default:
                        throw Fail("an unknown escape");
                }
            }

            private object ReadNumber()
            {
                int start = at;
                while (at < text.Length && "+-0123456789.eE".IndexOf(text[at]) >= 0)
                {
                    at++;
                }
                string number = text.Substring(start, at - start);
                long integer;
                if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out integer))
                {
                    return integer;
                }
                double real;
                if (number.Length > 0 && double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out real))
                {
                    return real;
                }
                throw Fail("expected a value");
            }
        }
    }
}
