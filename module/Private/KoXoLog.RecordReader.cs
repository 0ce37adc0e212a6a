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
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace KoXoLog
{
    /// <summary>Turns stdout text, as it comes, into objects of one type, one a line.</summary>
    public sealed class RecordReader
    {
        /// <summary>MethodImplOptions.AggressiveOptimization (.NET Core 3.0 and later; the .NET
        /// Framework has no tiers and ignores it): the hot methods are compiled optimised at
        /// once, since one command reads its records in one pass, before tiered compilation
        /// would have promoted them.</summary>
        private const MethodImplOptions Hot = (MethodImplOptions)512;

        private readonly Type type;
        private readonly Dictionary<string, Setter> properties = new Dictionary<string, Setter>(StringComparer.Ordinal);
        /// <summary>The properties in the order the binary prints them, which the reader expects first.</summary>
        private readonly Setter[] ordered;
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
            List<Setter> setters = new List<Setter>();
            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                Setter setter = new Setter(property);
                properties[property.Name] = setter;
                setters.Add(setter);
            }
            ordered = setters.ToArray();
        }

        /// <summary>One property: its type, and a compiled setter (reflection's SetValue is slow).</summary>
        private sealed class Setter
        {
            public readonly string Name;
            public readonly Type Target;
            public readonly Action<object, object> Set;
            /// <summary>The last text value read for this key: the next record's is often the same
            /// (its log, computer, domain), and is then not copied again.</summary>
            public string Last;

            public Setter(PropertyInfo property)
            {
                Name = property.Name;
                Target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                ParameterExpression record = Expression.Parameter(typeof(object), "record");
                ParameterExpression value = Expression.Parameter(typeof(object), "value");
                Expression assign = Expression.Assign(
                    Expression.Property(Expression.Convert(record, property.DeclaringType), property),
                    Expression.Convert(value, property.PropertyType));
                Set = Expression.Lambda<Action<object, object>>(assign, record, value).Compile();
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
        [MethodImpl(Hot)]
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

        [MethodImpl(Hot)]
        private void Add(string line, List<object> objects)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return;
            }
            try
            {
                objects.Add(new Parser(line, this).ReadRecord());
            }
            catch (FormatException)
            {
                badLines.Add(line.Trim());
            }
            catch (OverflowException)
            {
                badLines.Add(line.Trim());
            }
        }

        /// <summary>The property of a key; null (and the key told once) when the type has none.</summary>
        private Setter Find(string key)
        {
            Setter property;
            if (properties.TryGetValue(key, out property))
            {
                return property;
            }
            if (unknownKeys.Add(key))
            {
                newUnknownKeys.Add(key);
            }
            return null;
        }

        /// <summary>Sets a property of the record from a JSON value, converted to the property's type.</summary>
        [MethodImpl(Hot)]
        private static void Set(object record, Setter property, object value)
        {
            if (value == null)
            {
                return;
            }
            Type target = property.Target;
            object converted;
            string text = value as string;
            if (target == typeof(string))
            {
                converted = text ?? Convert.ToString(value, CultureInfo.InvariantCulture);
            }
            else if (target == typeof(DateTimeOffset) && text != null)
            {
                converted = ParseTime(text);
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
            else if (target.IsArray && value is object[])
            {
                converted = ToArray(target.GetElementType(), (object[])value, property.Name);
            }
            else
            {
                throw new FormatException(property.Name + " is not a " + target.Name);
            }
            property.Set(record, converted);
        }

        /// <summary>The setters of the KoXoLog classes that arrays hold (a report's days, hours...).</summary>
        private static readonly Dictionary<Type, Setter[]> elementSetters = new Dictionary<Type, Setter[]>();

        /// <summary>A JSON array of objects as an array of the class <paramref name="element"/>,
        /// each property converted as a line's are; keys the class lacks are left out.</summary>
        private static Array ToArray(Type element, object[] items, string name)
        {
            Setter[] setters;
            lock (elementSetters)
            {
                if (!elementSetters.TryGetValue(element, out setters))
                {
                    List<Setter> list = new List<Setter>();
                    foreach (PropertyInfo property in element.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                    {
                        list.Add(new Setter(property));
                    }
                    setters = list.ToArray();
                    elementSetters[element] = setters;
                }
            }
            Array result = Array.CreateInstance(element, items.Length);
            for (int i = 0; i < items.Length; i++)
            {
                Hashtable fields = items[i] as Hashtable;
                if (fields == null || element.IsAbstract || element.Assembly != typeof(RecordReader).Assembly)
                {
                    throw new FormatException(name + " is not an array of " + element.Name);
                }
                object item = Activator.CreateInstance(element);
                foreach (Setter setter in setters)
                {
                    if (fields.ContainsKey(setter.Name))
                    {
                        Set(item, setter, fields[setter.Name]);
                    }
                }
                result.SetValue(item, i);
            }
            return result;
        }

        /// <summary>A time: read by hand when it has the form the binary writes
        /// (2026-11-24T08:01:02.345+01:00, src/format/time.rs), else by DateTimeOffset.Parse.</summary>
        [MethodImpl(Hot)]
        private static DateTimeOffset ParseTime(string text)
        {
            if (text.Length == 29 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':'
                && text[19] == '.' && (text[23] == '+' || text[23] == '-') && text[26] == ':')
            {
                int year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
                int hour = Digits(text, 11, 2), minute = Digits(text, 14, 2), second = Digits(text, 17, 2);
                int millisecond = Digits(text, 20, 3), offsetHours = Digits(text, 24, 2), offsetMinutes = Digits(text, 27, 2);
                if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0 && millisecond >= 0
                    && offsetHours >= 0 && offsetMinutes >= 0)
                {
                    TimeSpan offset = new TimeSpan(offsetHours, offsetMinutes, 0);
                    if (text[23] == '-')
                    {
                        offset = offset.Negate();
                    }
                    // Out-of-range parts (month 13) throw ArgumentOutOfRangeException: a bad line.
                    try
                    {
                        return new DateTimeOffset(year, month, day, hour, minute, second, millisecond, offset);
                    }
                    catch (ArgumentOutOfRangeException)
                    {
                        throw new FormatException("not a time: " + text);
                    }
                }
            }
            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);
        }

        /// <summary>The number written with <paramref name="count"/> digits at <paramref name="at"/>, or -1.</summary>
        private static int Digits(string text, int at, int count)
        {
            int value = 0;
            for (int i = at; i < at + count; i++)
            {
                int digit = text[i] - '0';
                if (digit < 0 || digit > 9)
                {
                    return -1;
                }
                value = value * 10 + digit;
            }
            return value;
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
            [MethodImpl(Hot)]
            public object ReadRecord()
            {
                object record = Activator.CreateInstance(reader.type);
                SkipSpace();
                Expect('{');
                SkipSpace();
                if (Peek() == '}')
                {
                    at++;
                }
                else
                {
                    int index = 0;
                    do
                    {
                        // The binary prints the keys in the class's order: the
                        // expected one is matched in place, without a copy.
                        Setter property = index < reader.ordered.Length ? ReadExpectedKey(reader.ordered[index]) : null;
                        if (property == null)
                        {
                            property = reader.Find(ReadKey());
                        }
                        object value = ReadValue(property);
                        if (property != null)
                        {
                            Set(record, property, value);
                        }
                        index++;
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

            [MethodImpl(Hot)]
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

            /// <summary>The expected key, consumed with its colon, if it is the next one.</summary>
            [MethodImpl(Hot)]
            private Setter ReadExpectedKey(Setter expected)
            {
                SkipSpace();
                string name = expected.Name;
                int end = at + 1 + name.Length;
                if (end + 1 <= text.Length && text[at] == '"' && text[end] == '"' && string.CompareOrdinal(text, at + 1, name, 0, name.Length) == 0)
                {
                    at = end + 1;
                    Expect(':');
                    return expected;
                }
                return null;
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
                return ReadValue(null);
            }

            /// <summary>A value; a string the same as the last one of <paramref name="property"/> is that one.</summary>
            [MethodImpl(Hot)]
            private object ReadValue(Setter property)
            {
                SkipSpace();
                char c = Peek();
                if (c == '"')
                {
                    if (property != null && property.Last != null)
                    {
                        string last = property.Last;
                        int end = at + 1 + last.Length;
                        if (end < text.Length && text[end] == '"' && string.CompareOrdinal(text, at + 1, last, 0, last.Length) == 0 && text.IndexOf('\\', at + 1, last.Length) < 0)
                        {
                            at = end + 1;
                            return last;
                        }
                    }
                    string value = ReadString();
                    if (property != null)
                    {
                        property.Last = value;
                    }
                    return value;
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

            [MethodImpl(Hot)]
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

            [MethodImpl(Hot)]
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
